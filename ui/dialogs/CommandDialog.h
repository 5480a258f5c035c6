// What every explorer dialog that sends a command has in common: a body, a line for
// RabbitMQ's refusal ("PRECONDITION_FAILED - inequivalent arg 'durable' ..."), a line for
// the result, and the action button, disabled while the broker thread works on it.
// Dialogs that create something accept when it is done; tools (publish, get, move) stay
// open and say what happened.
#pragma once

#include "BrokerController.h"

#include <QDialog>

#include <type_traits>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace warren::ui {

class CommandDialog : public QDialog {
    Q_OBJECT
public:
    enum class Kind { Form, Tool };   // with Cancel, or with Close

protected:
    CommandDialog(BrokerController *broker, Kind kind, const QString &actionText, QWidget *parent);

    // Called by the action button (and Enter).
    virtual void submit() = 0;

    void setBody(QLayout *body);
    static QCheckBox *checkBox(const QString &objectName, const QString &text, const QString &tooltip);
    void showError(const QString &text);
    void showStatus(const QString &text, bool warning = false);
    void clearMessages();
    QPushButton *actionButton() const { return action_; }

    // Runs a ManagementService command on the broker thread; `done` gets its result here.
    template <class R, class... Params, class... Args>
    void run(R (management::ManagementService::*method)(Params...),
             std::type_identity_t<std::function<void(const R &)>> done, Args &&...args)
    {
        setBusy(true);
        broker_->call(method, this, std::function<void(const R &)>([this, done = std::move(done)](const R &result) {
                          setBusy(false);
                          done(result);
                      }),
                      std::forward<Args>(args)...);
    }
    // For a command answered with an Outcome: accepts when done, else shows the refusal.
    void acceptOrShow(const management::Outcome &outcome);

    BrokerController *broker_;

private:
    void setBusy(bool busy);

    QVBoxLayout *layout_;
    QLabel *error_;
    QLabel *status_;
    QDialogButtonBox *buttons_;
    QPushButton *action_;
};

} // namespace warren::ui
