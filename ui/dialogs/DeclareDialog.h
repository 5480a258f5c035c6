// What the "Add queue" and "Add exchange" dialogs share: virtual host, name, type, option
// checkboxes and the arguments box, in that order, and a declaration that accepts the
// dialog when the broker agrees.
#pragma once

#include "CommandDialog.h"
#include "QueueArgumentCatalog.h"

#include <optional>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace warren::ui {

class ArgumentsSection;

class DeclareDialog : public CommandDialog {
    Q_OBJECT
signals:
    // It exists now: declared, or there already and equivalent.
    void declared(const QString &vhost, const QString &name);

protected:
    DeclareDialog(BrokerController *broker, const BrokerSnapshot &snapshot, const QString &vhost,
                  const QString &action, const QList<ArgumentInfo> &catalog, QWidget *parent);

    // Lays the form out, with these checkboxes on the options row and, if given, a one-line
    // note about them under it.
    void build(const QList<QCheckBox *> &options, const QString &note = {});

    struct Common {
        QString vhost;
        QString name;
        amqp::FieldTable arguments;
    };
    // What every declaration needs, or nullopt after showing what is wrong.
    std::optional<Common> common(const QString &missingName);
    // Sends the declaration; `Spec` is QueueSpec or ExchangeSpec.
    template <class Spec>
    void declare(management::Outcome (management::ManagementService::*method)(const Spec &), const Spec &spec)
    {
        run(method, [this, spec](const management::Outcome &outcome) {
            if (outcome.ok())
                emit declared(spec.vhost, spec.name);
            acceptOrShow(outcome);
        }, spec);
    }

    QComboBox *vhost_;
    QLineEdit *name_;
    QComboBox *type_;
    ArgumentsSection *arguments_;
};

} // namespace warren::ui
