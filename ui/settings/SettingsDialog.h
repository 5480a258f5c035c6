// Edits the listener settings: port, bind address, data directory. Applying them restarts
// the embedded broker (the caller does that).
#pragma once

#include "ListenerSettings.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QSpinBox;

namespace warren::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(const ListenerSettings &current, QWidget *parent = nullptr);
    ListenerSettings settings() const;

    void accept() override;

private:
    void chooseDataDir();

    QSpinBox *port_;
    QLineEdit *bind_;
    QLineEdit *dataDir_;
    QLabel *error_;
};

} // namespace warren::ui
