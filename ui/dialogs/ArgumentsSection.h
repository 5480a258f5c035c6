// The "Arguments" box of the declare and bind dialogs: a field table editor with the
// catalogue's "Add:" links under it.
#pragma once

#include "QueueArgumentCatalog.h"

#include <QGroupBox>

namespace warren::ui {

class ArgumentLinks;
class FieldTableEditor;

class ArgumentsSection : public QGroupBox {
    Q_OBJECT
public:
    explicit ArgumentsSection(const QList<ArgumentInfo> &catalog, QWidget *parent = nullptr);

    FieldTableEditor *editor() const { return editor_; }
    ArgumentLinks *links() const { return links_; }

private:
    FieldTableEditor *editor_;
    ArgumentLinks *links_;
};

} // namespace warren::ui
