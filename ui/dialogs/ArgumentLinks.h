// "Add: Message TTL | Auto expire | ..." under an arguments editor, as in RabbitMQ's
// management UI: each link puts its argument into the editor with the right type, and
// its tooltip says what the argument does.
#pragma once

#include "QueueArgumentCatalog.h"

#include <QWidget>

#include <functional>

class QGridLayout;
class QToolButton;

namespace warren::ui {

class FieldTableEditor;

class ArgumentLinks : public QWidget {
    Q_OBJECT
public:
    ArgumentLinks(const QList<ArgumentInfo> &arguments, FieldTableEditor *target, QWidget *parent = nullptr);

    // Shows only the links this accepts (e.g. the arguments of the chosen queue type).
    void setFilter(const std::function<bool(const ArgumentInfo &)> &accepts);

private:
    QToolButton *linkFor(const ArgumentInfo &info, FieldTableEditor *target);
    void arrange();

    static constexpr int kColumns = 4;
    QList<ArgumentInfo> arguments_;
    QList<QToolButton *> links_;
    QList<bool> shown_;   // kept here: isHidden() says little before the dialog is shown
    QGridLayout *grid_;
};

} // namespace warren::ui
