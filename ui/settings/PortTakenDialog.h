// Said when the broker cannot start because its port is taken: by what, when /proc tells
// (PortOwner), how to stop it when it is a systemd service, and an offer to start on a free
// port instead. The offer is for this run: Broker settings… keeps a port for good.
#pragma once

#include "PortOwner.h"

#include <QMessageBox>

#include <optional>

namespace warren::ui {

class PortTakenDialog : public QMessageBox {
    Q_OBJECT
public:
    // `freePort` 0: there is none to offer.
    PortTakenDialog(quint16 port, const std::optional<PortOwner> &owner, quint16 freePort,
                    QWidget *parent = nullptr);

    QPushButton *startButton() const { return startButton_; }

    // What is listening on a port, in a few words ("another program" when unknown).
    static QString describe(const std::optional<PortOwner> &owner);

signals:
    void startRequested(quint16 port);

private:
    static QString howToStop(const PortOwner &owner, quint16 port);

    QPushButton *startButton_ = nullptr;
};

} // namespace warren::ui
