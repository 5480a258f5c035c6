// "Add producer": where it publishes (exchange, routing key template), what (body template,
// persistence and the other properties), how fast (a burst at each start, or a steady rate),
// mandatory and publisher confirms, and the queue it declares first. The defaults are the
// seed tutorial's producer: queue "hello", the default exchange, routing key "hello".
#pragma once

#include "ClientDialog.h"

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace warren::ui {

class TemplateEdit;

class ProducerDialog : public ClientDialog {
    Q_OBJECT
public:
    ProducerDialog(const QString &name, QWidget *parent = nullptr);

    // Without its URL, which the page adds.
    sim::ProducerSpec spec() const;

protected:
    void refresh() override;

private:
    void addRouting();
    void addPace();
    void addProperties();
    void addDelivery();
    QList<QPair<QString, QString>> headers() const;

    QLineEdit *exchange_;
    TemplateEdit *routingKey_;
    TemplateEdit *body_;
    QCheckBox *bind_;
    QLineEdit *bindingKey_;
    QRadioButton *burst_;
    QRadioButton *rate_;
    QSpinBox *burstSize_;
    QDoubleSpinBox *perSecond_;
    QCheckBox *persistent_;
    QLabel *persistenceNote_;
    QCheckBox *confirms_;
    QLabel *confirmsNote_;
    QCheckBox *mandatory_;
    QCheckBox *awaitReplies_;
    QLabel *awaitRepliesNote_;
    QLabel *mandatoryNote_;
    QSpinBox *priority_;
    QLineEdit *expiration_;
    QLineEdit *replyTo_;
    QLineEdit *correlationId_;
    QLineEdit *headers_;
};

} // namespace warren::ui
