#include "PropertiesEditor.h"

#include <QDateTime>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>

namespace warren::ui {

namespace {

using amqp::BasicProperties;

struct Property {
    const char *name;
    std::optional<QByteArray> BasicProperties::*text;   // null: a number, parsed on its own
    const char *tooltip;
};

// In the order of RabbitMQ's publish form.
const Property kProperties[] = {
    {"content_type", &BasicProperties::contentType,
     QT_TRANSLATE_NOOP("PropertiesEditor", "The body's MIME type, e.g. application/json.")},
    {"content_encoding", &BasicProperties::contentEncoding,
     QT_TRANSLATE_NOOP("PropertiesEditor", "How the body is encoded, e.g. gzip.")},
    {"priority", nullptr,
     QT_TRANSLATE_NOOP("PropertiesEditor", "0 to 255; a priority queue delivers higher ones first.")},
    {"correlation_id", &BasicProperties::correlationId,
     QT_TRANSLATE_NOOP("PropertiesEditor", "Ties a reply to its request.")},
    {"reply_to", &BasicProperties::replyTo,
     QT_TRANSLATE_NOOP("PropertiesEditor", "The queue the receiver should answer to.")},
    {"expiration", &BasicProperties::expiration,
     QT_TRANSLATE_NOOP("PropertiesEditor", "This message's TTL in milliseconds, written as text, e.g. 60000.")},
    {"message_id", &BasicProperties::messageId, QT_TRANSLATE_NOOP("PropertiesEditor", "The application's id.")},
    {"timestamp", nullptr,
     QT_TRANSLATE_NOOP("PropertiesEditor", "Seconds since 1970, or a date such as 2024-05-01T12:00:00Z.")},
    {"type", &BasicProperties::type, QT_TRANSLATE_NOOP("PropertiesEditor", "The application's message type name.")},
    {"user_id", &BasicProperties::userId,
     QT_TRANSLATE_NOOP("PropertiesEditor", "Must be the publishing user (guest, for the explorer) or be left empty.")},
    {"app_id", &BasicProperties::appId, QT_TRANSLATE_NOOP("PropertiesEditor", "The publishing application.")},
};

constexpr int kPairsPerRow = 2;

std::optional<std::uint64_t> parseTimestamp(const QString &text)
{
    bool ok = false;
    if (const qint64 seconds = text.toLongLong(&ok); ok && seconds >= 0)
        return std::uint64_t(seconds);
    const QDateTime date = QDateTime::fromString(text, Qt::ISODate);
    if (date.isValid() && date.toSecsSinceEpoch() >= 0)
        return std::uint64_t(date.toSecsSinceEpoch());
    return std::nullopt;
}

} // namespace

PropertiesEditor::PropertiesEditor(QWidget *parent) : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    int placed = 0;
    for (const Property &p : kProperties) {
        auto *edit = new QLineEdit;
        edit->setObjectName(QString::fromLatin1(p.name));
        edit->setToolTip(tr(p.tooltip));
        auto *label = new QLabel(QString::fromLatin1(p.name) + QLatin1Char(':'));
        label->setBuddy(edit);
        label->setToolTip(edit->toolTip());
        const int row = placed / kPairsPerRow;
        const int column = 2 * (placed % kPairsPerRow);
        grid->addWidget(label, row, column);
        grid->addWidget(edit, row, column + 1);
        fields_.append(edit);
        ++placed;
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
}

QLineEdit *PropertiesEditor::field(const char *name) const
{
    for (QLineEdit *edit : fields_) {
        if (edit->objectName() == QLatin1String(name))
            return edit;
    }
    return nullptr;
}

PropertiesEditor::Parsed PropertiesEditor::parsed() const
{
    Parsed result;
    for (const Property &p : kProperties) {
        const QString text = field(p.name)->text();
        if (p.text && !text.isEmpty())
            result.properties.*p.text = text.toUtf8();
    }
    result.error = parseNumbers(result.properties);
    return result;
}

// The two properties that are numbers on the wire.
QString PropertiesEditor::parseNumbers(amqp::BasicProperties &into) const
{
    if (const QString text = field("priority")->text().trimmed(); !text.isEmpty()) {
        bool ok = false;
        const int priority = text.toInt(&ok);
        if (!ok || priority < 0 || priority > 255)
            return tr("priority: not a number from 0 to 255");
        into.priority = std::uint8_t(priority);
    }
    if (const QString text = field("timestamp")->text().trimmed(); !text.isEmpty()) {
        into.timestamp = parseTimestamp(text);
        if (!into.timestamp)
            return tr("timestamp: not seconds since 1970 or a date like 2024-05-01T12:00:00Z");
    }
    return {};
}

} // namespace warren::ui
