#include "FieldTableText.h"

#include <QDateTime>
#include <QStringDecoder>

namespace warren::ui {

namespace {

QString describeBytes(const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8(bytes);
    return utf8.hasError() ? QStringLiteral("0x") + QString::fromLatin1(bytes.toHex()) : text;
}

QString describeArray(const amqp::FieldArray &array)
{
    QStringList items;
    for (const amqp::FieldValue &v : array)
        items.append(describeValue(v));
    return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace

QString describeValue(const amqp::FieldValue &value)
{
    using Type = amqp::FieldValue::Type;
    switch (value.type()) {
    case Type::Void:
        return QStringLiteral("(void)");
    case Type::Boolean:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Type::Float:
    case Type::Double:
    case Type::Decimal:
        return QString::number(value.toDouble());
    case Type::LongString:
    case Type::ByteArray:
        return describeBytes(value.toBytes());
    case Type::Timestamp:
        return QDateTime::fromSecsSinceEpoch(value.toInteger()).toString(Qt::ISODate);
    case Type::Table:
        return QLatin1Char('{') + describeTable(value.toTable()) + QLatin1Char('}');
    case Type::Array:
        return describeArray(value.toArray());
    default:
        return QString::number(value.toInteger());
    }
}

QString describeTable(const amqp::FieldTable &table)
{
    QStringList entries;
    for (const auto &entry : table)
        entries.append(QString::fromUtf8(entry.first) + QStringLiteral(": ") + describeValue(entry.second));
    return entries.join(QStringLiteral(", "));
}

} // namespace warren::ui
