#include "FieldTableJson.h"

#include <QJsonArray>

#include <algorithm>
#include <vector>

using namespace Qt::Literals::StringLiterals;

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
    case Type::LongString: {
        // Long strings are bytes: those that are not UTF-8 go as base64, to come back unchanged.
        const QString text = QString::fromUtf8(v.toBytes());
        if (text.toUtf8() == v.toBytes())
            return text;
        return QJsonObject{{u"base64"_s, QString::fromLatin1(v.toBytes().toBase64())}};
    }
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
    case Type::LongString:
        return FieldValue::string(p.isObject() ? QByteArray::fromBase64(p[u"base64"_s].toString().toLatin1())
                                               : p.toString().toUtf8());
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

// A JSON object does not keep the order of its keys, but a table's order is part of it
// (bindings are compared as ordered tables: reordered after a restart, a binding would no
// longer match the client's unbind). So each value carries its position as a third element:
// {"x-match": ["S", "all", 0], ...}. Files written without positions keep the JSON order.
QJsonObject tableToJson(const amqp::FieldTable &table)
{
    QJsonObject out;
    int position = 0;
    for (const auto &[name, value] : table) {
        QJsonArray json = valueToJson(value).toArray();
        json.append(position++);
        out.insert(QString::fromUtf8(name), json);
    }
    return out;
}

amqp::FieldTable tableFromJson(const QJsonObject &json)
{
    std::vector<std::pair<qint64, QJsonObject::const_iterator>> entries;
    for (auto it = json.begin(); it != json.end(); ++it)
        entries.emplace_back(it.value().toArray().at(2).toInteger(qint64(entries.size())), it);
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    amqp::FieldTable table;
    for (const auto &[position, it] : entries)
        table.append(it.key().toUtf8(), valueFromJson(it.value()));
    return table;
}

} // namespace warren::store
