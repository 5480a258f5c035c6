#include "TemplateEdit.h"

#include "SimulatorText.h"
#include "sim/TextTemplate.h"

#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace warren::ui {

TemplateEdit::TemplateEdit(const QString &text, QWidget *parent)
    : QWidget(parent), line_(new QLineEdit(text)), feedback_(new QLabel)
{
    feedback_->setObjectName(QStringLiteral("templateFeedback"));
    feedback_->setWordWrap(true);
    line_->setToolTip(tr("Placeholders: {n} the message number, {n%K} the number modulo K, {choice:a|b|c} one "
                         "option after the other, {uuid} a random UUID; {{ and }} for braces."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(line_);
    layout->addWidget(feedback_);
    connect(line_, &QLineEdit::textChanged, this, &TemplateEdit::check);
    check();
}

QString TemplateEdit::text() const
{
    return line_->text();
}

void TemplateEdit::check()
{
    sim::TemplateError error;
    const std::optional<sim::TextTemplate> parsed = sim::TextTemplate::parse(line_->text(), &error);
    const bool valid = parsed.has_value();
    if (valid) {
        feedback_->setStyleSheet(QStringLiteral("color: palette(mid);"));
        feedback_->setText(tr("Messages 1, 2, 3: %1").arg(QStringList{parsed->render(1), parsed->render(2),
                                                                       parsed->render(3)}
                                                               .join(tr(", "))));
    } else {
        feedback_->setStyleSheet(QStringLiteral("color: #b00020;"));
        feedback_->setText(SimulatorText::templateError(error));
    }
    if (std::exchange(valid_, valid) != valid)
        emit validityChanged(valid);
}

} // namespace warren::ui
