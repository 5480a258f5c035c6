#include "FieldJson.h"

#include "protocol/Utf8.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QVariant>

namespace warren::amqp {

namespace {

using Type = FieldValue::Type;

// RabbitMQ's rendering of a binary that is not text.
QJsonValue bytesToJson(const QByteArray &bytes)
{
    if (isValidUtf8(bytes))
        return QString::fromUtf8(bytes);
    return QStringLiteral("Not UTF-8, base64 is: ") + QString::fromLatin1(bytes.toBase64());
}

QJsonValue valueToJson(const FieldValue &v)
{
    switch (v.type()) {
    case Type::Void: return QJsonValue::Null;
    case Type::Boolean: return v.toBool();
    case Type::Float:
    case Type::Double:
    case Type::Decimal: return v.toDouble();
    case Type::LongString:
    case Type::ByteArray: return bytesToJson(v.toBytes());
    case Type::Table: return fieldTableToJson(v.toTable());
    case Type::Array: {
        QJsonArray items;
        for (const FieldValue &item : v.toArray())
            items.append(valueToJson(item));
        return items;
    }
    default: return v.toInteger();   // integers of every width, timestamps (seconds)
    }
}

std::optional<FieldValue> valueFromJson(const QJsonValue &json, QString *error)
{
    switch (json.type()) {
    case QJsonValue::Bool:
        return FieldValue::boolean(json.toBool());
    case QJsonValue::Double:
        // Qt keeps a number written without a fraction as an integer; RabbitMQ's integer
        // arguments (x-max-length, x-message-ttl) refuse a double.
        if (json.toVariant().typeId() == QMetaType::LongLong)
            return FieldValue::integer(json.toInteger(), FieldValue::Type::Int64);
        return FieldValue::floating(json.toDouble(), FieldValue::Type::Double);
    case QJsonValue::String:
        return FieldValue::string(json.toString().toUtf8());
    case QJsonValue::Object: {
        std::optional<FieldTable> table = fieldTableFromJson(json, error);
        return table ? std::optional(FieldValue::table(std::move(*table))) : std::nullopt;
    }
    case QJsonValue::Array: {
        FieldArray items;
        for (const QJsonValue &item : json.toArray()) {
            std::optional<FieldValue> value = valueFromJson(item, error);
            if (!value)
                return std::nullopt;
            items.append(std::move(*value));
        }
        return FieldValue::array(std::move(items));
    }
    default:
        *error = QStringLiteral("null has no AMQP type");
        return std::nullopt;
    }
}

} // namespace

QJsonObject fieldTableToJson(const FieldTable &table)
{
    QJsonObject out;
    for (const auto &[name, value] : table)
        out.insert(QString::fromUtf8(name), valueToJson(value));
    return out;
}

std::optional<FieldTable> fieldTableFromJson(const QJsonValue &json, QString *error)
{
    if (json.isUndefined() || json.isNull())
        return FieldTable();
    if (!json.isObject()) {
        *error = QStringLiteral("arguments are not a JSON object");
        return std::nullopt;
    }
    const QJsonObject object = json.toObject();
    FieldTable table;
    for (auto it = object.begin(); it != object.end(); ++it) {
        std::optional<FieldValue> value = valueFromJson(it.value(), error);
        if (!value) {
            *error = QStringLiteral("argument '%1': %2").arg(it.key(), *error);
            return std::nullopt;
        }
        table.append(it.key().toUtf8(), std::move(*value));
    }
    return table;
}

} // namespace warren::amqp
