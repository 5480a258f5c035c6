#include "FieldTableJson.h"

#include <QJsonArray>

namespace warren::store {

namespace {

using amqp::FieldValue;
using Type = FieldValue::Type;

QJsonValue valueToJson(const FieldValue &v);

QJsonValue payloadToJson(const FieldValue &v)
{
    switch (v.type()) {
    case Type::Void: return QJsonValue();
    case Type::Boolean: return v.toBool();
    case Type::Float:
    case Type::Double: return v.toDouble();
    case Type::Decimal: return QJsonArray{v.toDecimal().scale, qint64(v.toDecimal().value)};
    case Type::LongString: return QString::fromUtf8(v.toBytes());
    case Type::ByteArray: return QString::fromLatin1(v.toBytes().toBase64());
    case Type::Table: return tableToJson(v.toTable());
    case Type::Array: {
        QJsonArray items;
        for (const FieldValue &item : v.toArray())
            items.append(valueToJson(item));
        return items;
    }
    default: return QString::number(v.toInteger());   // as text: JSON numbers lose 64-bit precision
    }
}

QJsonValue valueToJson(const FieldValue &v)
{
    return QJsonArray{QString(QChar::fromLatin1(char(v.type()))), payloadToJson(v)};
}

FieldValue valueFromJson(const QJsonValue &json)
{
    const QJsonArray pair = json.toArray();
    const QByteArray tag = pair.at(0).toString().toLatin1();
    const Type t = Type(tag.isEmpty() ? 'V' : tag[0]);
    const QJsonValue p = pair.at(1);
    switch (t) {
    case Type::Void: return {};
    case Type::Boolean: return FieldValue::boolean(p.toBool());
    case Type::Float:
    case Type::Double: return FieldValue::floating(p.toDouble(), t);
    case Type::Decimal:
        return FieldValue::decimal({std::uint8_t(p.toArray().at(0).toInt()), std::uint32_t(p.toArray().at(1).toInteger())});
    case Type::LongString: return FieldValue::string(p.toString().toUtf8());
    case Type::ByteArray: return FieldValue::string(QByteArray::fromBase64(p.toString().toLatin1()), t);
    case Type::Table: return FieldValue::table(tableFromJson(p.toObject()));
    case Type::Array: {
        amqp::FieldArray items;
        for (const QJsonValue &item : p.toArray())
            items.append(valueFromJson(item));
        return FieldValue::array(items);
    }
    default: return FieldValue::integer(p.toString().toLongLong(), t);
    }
}

} // namespace

QJsonObject tableToJson(const amqp::FieldTable &table)
{
    QJsonObject out;
    for (const auto &[name, value] : table)
        out.insert(QString::fromUtf8(name), valueToJson(value));
    return out;
}

amqp::FieldTable tableFromJson(const QJsonObject &json)
{
    amqp::FieldTable table;
    for (auto it = json.begin(); it != json.end(); ++it)
        table.append(it.key().toUtf8(), valueFromJson(it.value()));
    return table;
}

} // namespace warren::store
