// "Add binding": binds a queue or an exchange to a source exchange, with a live preview
// of where a message would go once the binding exists, and why. The broker answers, with
// the new binding considered as if it existed (ManagementService::explainRoute): the
// explorer never restates the routing rules.
#pragma once

#include "CommandDialog.h"

#include <QTimer>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace warren::ui {

class ArgumentsSection;
class RouteExplanationView;

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
    QLayout *createDestinationRow(const management::BindingSpec &preset);
    QWidget *createPreview();
    void connectPreview();
    void sourceChanged();
    void fillDestinations();
    QString sourceType() const;
    void requestPreview();
    void showPreview(const management::RouteQuestion &question, const management::RouteAnswer &answer);
    QString previewSummary(const management::RouteQuestion &question, const management::RouteAnswer &answer) const;

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
    RouteExplanationView *explanation_;
    QTimer previewTimer_;
    bool previewKeyFollows_ = true;   // until the user types a test key of their own
    int previewGeneration_ = 0;       // answers to older requests are dropped
};

} // namespace warren::ui
