#include "ArgumentsSection.h"

#include "ArgumentLinks.h"
#include "FieldTableEditor.h"

#include <QVBoxLayout>

namespace warren::ui {

ArgumentsSection::ArgumentsSection(const QList<ArgumentInfo> &catalog, QWidget *parent)
    : QGroupBox(tr("Arguments"), parent), editor_(new FieldTableEditor), links_(new ArgumentLinks(catalog, editor_))
{
    editor_->setObjectName(QStringLiteral("arguments"));
    links_->setObjectName(QStringLiteral("argumentLinks"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(editor_, 1);
    layout->addWidget(links_);
}

} // namespace warren::ui
