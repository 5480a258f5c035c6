#include "ArgumentLinks.h"

#include "FieldTableEditor.h"

#include <QGridLayout>
#include <QLabel>
#include <QToolButton>

namespace warren::ui {

ArgumentLinks::ArgumentLinks(const QList<ArgumentInfo> &arguments, FieldTableEditor *target, QWidget *parent)
    : QWidget(parent), arguments_(arguments), grid_(new QGridLayout(this))
{
    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setHorizontalSpacing(2);
    grid_->setVerticalSpacing(0);
    grid_->addWidget(new QLabel(tr("Add:")), 0, 0, Qt::AlignTop);
    // Links, as in RabbitMQ's form, rather than a wall of buttons.
    setStyleSheet(QStringLiteral("QToolButton { color: palette(link); border: none; padding: 1px 4px; }"
                                 "QToolButton:hover { text-decoration: underline; }"));
    for (const ArgumentInfo &info : arguments_)
        links_.append(linkFor(info, target));
    shown_.fill(true, links_.size());
    arrange();
}

QToolButton *ArgumentLinks::linkFor(const ArgumentInfo &info, FieldTableEditor *target)
{
    auto *link = new QToolButton;
    link->setObjectName(QStringLiteral("add:") + QString::fromLatin1(info.key));
    link->setText(info.label);
    link->setAutoRaise(true);
    link->setCursor(Qt::PointingHandCursor);
    const QString tooltip = QStringLiteral("<b>%1</b><br>%2").arg(QString::fromLatin1(info.key), info.tooltip);
    link->setToolTip(tooltip);
    connect(link, &QToolButton::clicked, target,
            [info, target, tooltip] {
                target->setEntry(QString::fromLatin1(info.key), info.kind, info.initialValue(), tooltip);
            });
    return link;
}

void ArgumentLinks::setFilter(const std::function<bool(const ArgumentInfo &)> &accepts)
{
    for (qsizetype i = 0; i < arguments_.size(); ++i) {
        shown_[i] = accepts(arguments_[i]);
        links_[i]->setVisible(shown_[i]);
    }
    arrange();
}

// Visible links in rows of kColumns, so hiding some leaves no gaps.
void ArgumentLinks::arrange()
{
    for (QToolButton *link : links_)
        grid_->removeWidget(link);
    int placed = 0;
    for (qsizetype i = 0; i < links_.size(); ++i) {
        if (!shown_[i])
            continue;
        grid_->addWidget(links_[i], placed / kColumns, 1 + placed % kColumns, Qt::AlignLeft);
        ++placed;
    }
    grid_->setColumnStretch(kColumns + 1, 1);
}

} // namespace warren::ui
