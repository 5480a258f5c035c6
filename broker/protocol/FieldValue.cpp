#include "FieldValue.h"

namespace warren::amqp {

FieldValue FieldValue::boolean(bool b) { return {Type::Boolean, qint64(b)}; }
FieldValue FieldValue::integer(qint64 v, Type t) { return {t, v}; }
FieldValue FieldValue::floating(double v, Type t) { return {t, v}; }
FieldValue FieldValue::decimal(Decimal d) { return {Type::Decimal, d}; }
FieldValue FieldValue::string(QByteArray s, Type t) { return {t, std::move(s)}; }

FieldValue FieldValue::table(FieldTable t)
{
    return {Type::Table, std::make_shared<const FieldTable>(std::move(t))};
}

FieldValue FieldValue::array(FieldArray a)
{
    return {Type::Array, std::make_shared<const FieldArray>(std::move(a))};
}

bool FieldValue::isInteger() const
{
    switch (type_) {
    case Type::Int8: case Type::UInt8: case Type::Int16: case Type::UInt16:
    case Type::Int32: case Type::UInt32: case Type::Int64:
        return true;
    default:
        return false;
    }
}

bool FieldValue::isNumber() const
{
    return isInteger() || type_ == Type::Float || type_ == Type::Double || type_ == Type::Decimal;
}

bool FieldValue::toBool() const { return toInteger() != 0; }

qint64 FieldValue::toInteger() const
{
    const qint64 *v = std::get_if<qint64>(&value_);
    return v ? *v : 0;
}

double FieldValue::toDouble() const
{
    if (const double *d = std::get_if<double>(&value_))
        return *d;
    if (const Decimal *d = std::get_if<Decimal>(&value_)) {
        double v = qint32(d->value);
        for (int i = 0; i < d->scale; ++i)
            v /= 10;
        return v;
    }
    return double(toInteger());
}

QByteArray FieldValue::toBytes() const
{
    const QByteArray *s = std::get_if<QByteArray>(&value_);
    return s ? *s : QByteArray();
}

Decimal FieldValue::toDecimal() const
{
    const Decimal *d = std::get_if<Decimal>(&value_);
    return d ? *d : Decimal{};
}

const FieldTable &FieldValue::toTable() const
{
    static const FieldTable empty;
    const auto *t = std::get_if<std::shared_ptr<const FieldTable>>(&value_);
    return t ? **t : empty;
}

const FieldArray &FieldValue::toArray() const
{
    static const FieldArray empty;
    const auto *a = std::get_if<std::shared_ptr<const FieldArray>>(&value_);
    return a ? **a : empty;
}

bool operator==(const FieldValue &a, const FieldValue &b)
{
    if (a.type_ != b.type_)
        return false;
    switch (a.type_) {
    case FieldValue::Type::Table: return a.toTable() == b.toTable();
    case FieldValue::Type::Array: return a.toArray() == b.toArray();
    default: return a.value_ == b.value_;
    }
}

const FieldValue *FieldTable::find(QByteArrayView name) const
{
    for (const Entry &e : entries_) {
        if (e.first == name)
            return &e.second;
    }
    return nullptr;
}

void FieldTable::insert(const QByteArray &name, FieldValue value)
{
    for (Entry &e : entries_) {
        if (e.first == name) {
            e.second = std::move(value);
            return;
        }
    }
    entries_.append({name, std::move(value)});
}

void FieldTable::remove(QByteArrayView name)
{
    entries_.removeIf([name](const Entry &e) { return e.first == name; });
}

} // namespace warren::amqp
