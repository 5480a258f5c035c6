#include "RouteExplanationView.h"

#include "RouteExplanationText.h"

#include <QHeaderView>

namespace warren::ui {

namespace {
constexpr int kMatchedRole = Qt::UserRole + 1;
}

RouteExplanationView::RouteExplanationView(QWidget *parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("routeExplanation"));
    setColumnCount(2);
    setHeaderLabels({RouteExplanationText::tr("Where the message goes"), RouteExplanationText::tr("Why")});
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header()->setStretchLastSection(true);
    setRootIsDecorated(true);
    setWordWrap(true);
    setSelectionMode(QAbstractItemView::NoSelection);
}

void RouteExplanationView::setExplanation(const observe::RouteExplanation &explanation)
{
    clear();
    for (const observe::ExchangeVisit &visit : explanation.visits) {
        auto *top = new QTreeWidgetItem(this, {RouteExplanationText::visit(visit)});
        top->setFirstColumnSpanned(true);
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        for (const observe::BindingVerdict &b : visit.bindings) {
            auto *item = new QTreeWidgetItem(top, {(b.matched ? QStringLiteral("✓ ") : QStringLiteral("✗ "))
                                                       + RouteExplanationText::binding(b),
                                                   RouteExplanationText::reason(b)});
            item->setData(0, kMatchedRole, b.matched);
            item->setForeground(0, b.matched ? QColor(0x1b, 0x7f, 0x3a) : palette().color(QPalette::Disabled,
                                                                                            QPalette::Text));
            item->setToolTip(1, item->text(1));
            if (b.proposed) {
                QFont f = item->font(0);
                f.setBold(true);
                item->setFont(0, f);
            }
        }
        if (const QString outcome = RouteExplanationText::outcome(visit); !outcome.isEmpty()) {
            auto *item = new QTreeWidgetItem(top, {outcome});
            item->setFirstColumnSpanned(true);
            QFont italic = item->font(0);
            italic.setItalic(true);
            item->setFont(0, italic);
        }
    }
    expandAll();
}

QStringList RouteExplanationView::matchedLines() const
{
    QStringList lines;
    for (QTreeWidgetItemIterator it(const_cast<RouteExplanationView *>(this)); *it; ++it) {
        if ((*it)->data(0, kMatchedRole).toBool())
            lines.append((*it)->text(0));
    }
    return lines;
}

} // namespace warren::ui
