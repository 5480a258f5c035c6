// Edits the listener settings: port, bind address, data directory, and AMQPS (TLS port,
// certificate, key, CA certificates for clients, whether clients must present one).
// Applying them restarts the embedded broker (the caller does that).
#pragma once

#include "ListenerSettings.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QLabel;
class QLayout;
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
    QWidget *tlsGroup(const BrokerConfig::Tls &current);
    // `edit` beside a "Browse…" button that sets it to what `choose` returns (unless empty).
    QLayout *withBrowse(QLineEdit *edit, const std::function<QString()> &choose);
    QLayout *withFileBrowse(QLineEdit *edit, const QString &title);

    QSpinBox *port_;
    QLineEdit *bind_;
    QLineEdit *dataDir_;
    QSpinBox *tlsPort_;
    QLineEdit *tlsCert_;
    QLineEdit *tlsKey_;
    QLineEdit *tlsCa_;
    QCheckBox *tlsVerifyPeer_;
    QLabel *error_;
};

} // namespace warren::ui
