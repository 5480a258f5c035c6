// AMQP field-table values as RabbitMQ accepts them (t b B s u I i l f d D S A T F V x; an
// 'L' is read as RabbitMQ reads it, as an 'l').
// The wire type is kept, so a value decoded and encoded again is byte-identical: a header
// that arrived as a signed byte leaves as a signed byte.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <memory>
#include <utility>
#include <variant>

namespace warren::amqp {

class FieldTable;
class FieldValue;
using FieldArray = QList<FieldValue>;

struct Decimal {
    std::uint8_t scale = 0;
    std::uint32_t value = 0;
    friend bool operator==(const Decimal &, const Decimal &) = default;
};

class FieldValue {
public:
    enum class Type : char {
        Void = 'V',
        Boolean = 't',
        Int8 = 'b',
        UInt8 = 'B',
        Int16 = 's',
        UInt16 = 'u',
        Int32 = 'I',
        UInt32 = 'i',
        Int64 = 'l',
        Float = 'f',
        Double = 'd',
        Decimal = 'D',
        LongString = 'S',
        ByteArray = 'x',
        Timestamp = 'T',
        Table = 'F',
        Array = 'A',
    };

    FieldValue() = default; // void
    static FieldValue boolean(bool b);
    static FieldValue integer(qint64 v, Type t = Type::Int64);    // any integer type or Timestamp
    static FieldValue floating(double v, Type t = Type::Double);  // Float or Double
    static FieldValue decimal(Decimal d);
    static FieldValue string(QByteArray s, Type t = Type::LongString); // LongString or ByteArray
    static FieldValue table(FieldTable t);
    static FieldValue array(FieldArray a);

    Type type() const { return type_; }
    bool isVoid() const { return type_ == Type::Void; }
    bool isInteger() const;   // the signed and unsigned integer types, not timestamps
    bool isNumber() const;    // integers, floats, doubles, decimals
    bool isString() const { return type_ == Type::LongString || type_ == Type::ByteArray; }

    bool toBool() const;
    qint64 toInteger() const;          // integers, booleans and timestamps; 0 otherwise
    double toDouble() const;           // any number; 0 otherwise
    QByteArray toBytes() const;        // strings; empty otherwise
    Decimal toDecimal() const;
    const FieldTable &toTable() const; // an empty table for other types
    const FieldArray &toArray() const; // an empty array for other types

    friend bool operator==(const FieldValue &a, const FieldValue &b);

private:
    using Storage = std::variant<std::monostate, qint64, double, Decimal, QByteArray,
                                 std::shared_ptr<const FieldTable>,
                                 std::shared_ptr<const FieldArray>>;
    FieldValue(Type t, Storage s) : type_(t), value_(std::move(s)) {}

    Type type_ = Type::Void;
    Storage value_;
};

// An ordered table of named values. Order is kept so that re-encoding is byte-identical;
// lookups are linear because tables on the wire are small.
class FieldTable {
public:
    using Entry = std::pair<QByteArray, FieldValue>;

    FieldTable() = default;
    FieldTable(std::initializer_list<Entry> entries) : entries_(entries) {}

    bool isEmpty() const { return entries_.isEmpty(); }
    qsizetype size() const { return entries_.size(); }
    auto begin() const { return entries_.begin(); }
    auto end() const { return entries_.end(); }

    const FieldValue *find(QByteArrayView name) const;
    bool contains(QByteArrayView name) const { return find(name) != nullptr; }
    // Replaces the value of an existing name, keeping its position.
    void insert(const QByteArray &name, FieldValue value);
    // Adds an entry even if the name is there already: what the decoder does, in constant
    // time and keeping duplicates as RabbitMQ does (find() returns the first).
    void append(QByteArray name, FieldValue value) { entries_.append({std::move(name), std::move(value)}); }
    void remove(QByteArrayView name);

    friend bool operator==(const FieldTable &a, const FieldTable &b) { return a.entries_ == b.entries_; }

private:
    QList<Entry> entries_;
};

} // namespace warren::amqp
