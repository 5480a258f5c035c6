// "Add binding": binds a queue or an exchange to a source exchange, with a live preview
// of where a message would go once the binding exists. The broker answers for the
// existing bindings (ManagementService::previewRoute); whether the new binding matches is
// worked out here (BindingMatch), and for a binding to an exchange the broker is asked
// where that exchange sends the message on.
#pragma once

#include "CommandDialog.h"

#include <QTimer>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace warren::ui {

class ArgumentsSection;

class BindDialog : public CommandDialog {
    Q_OBJECT
public:
    // `preset` fills the form: its vhost, source, destination (and whether that is an
    // exchange) and routing key; its arguments are not used.
    BindDialog(BrokerController *broker, const BrokerSnapshot &snapshot, const management::BindingSpec &preset,
               QWidget *parent = nullptr);
    ~BindDialog() override;

signals:
    void bound(const warren::management::BindingSpec &binding);

protected:
    void submit() override;

private:
    // One preview request: the message and whether the proposed binding takes it.
    struct Probe {
        QString exchange;
        QString routingKey;
        amqp::FieldTable headers;
        QString destination;
        bool toExchange = false;
        bool matches = false;
    };

    QLayout *createDestinationRow(const management::BindingSpec &preset);
    QWidget *createPreview();
    void connectPreview();
    void sourceChanged();
    void fillDestinations();
    QString sourceType() const;
    void requestPreview();
    void showPreview(const Probe &probe, const QStringList &reached, const QStringList &added);
    QString previewSummary(const Probe &probe, bool reachesNone) const;

    BrokerSnapshot snapshot_;
    QString vhost_;
    QComboBox *source_;
    QLabel *sourceType_;
    QComboBox *destinationKind_;
    QComboBox *destination_;
    QLineEdit *routingKey_;
    ArgumentsSection *arguments_;
    QLabel *previewKeyLabel_;
    QLineEdit *previewKey_;
    QLabel *previewSummary_;
    QListWidget *previewList_;
    QTimer previewTimer_;
    bool previewKeyFollows_ = true;   // until the user types a test key of their own
    int previewGeneration_ = 0;       // answers to older requests are dropped
};

} // namespace warren::ui
