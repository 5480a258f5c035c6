// Helpers shared by the protocol unit tests: readable QCOMPARE failure output for field
// values and tables (found by QtTest through ADL), and one-line encoders.
#pragma once

#include "protocol/ByteWriter.h"
#include "protocol/FieldCodec.h"
#include "protocol/FieldValue.h"

#include <QByteArray>
#include <QMetaType>
#include <QtTest/QTest>

namespace warren::amqp {

inline QByteArray encodedValue(const FieldValue &value)
{
    QByteArray out;
    ByteWriter w(out);
    encodeFieldValue(w, value);
    w.finish();
    return out;
}

inline QByteArray encodedTable(const FieldTable &table)
{
    QByteArray out;
    ByteWriter w(out);
    encodeTable(w, table);
    w.finish();
    return out;
}

// QtTest prints these when a comparison fails; the wire bytes are the least ambiguous
// description of a value.
inline char *toString(const FieldValue &value)
{
    return qstrdup(QByteArray("FieldValue(" + encodedValue(value).toHex(' ') + ')').constData());
}

inline char *toString(const FieldTable &table)
{
    return qstrdup(QByteArray("FieldTable(" + encodedTable(table).toHex(' ') + ')').constData());
}

} // namespace warren::amqp

namespace warren::test {

// Hex with optional spaces, for golden byte strings that stay readable in the source.
inline QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text).replace(' ', QByteArray()));
}

} // namespace warren::test

Q_DECLARE_METATYPE(warren::amqp::FieldValue)
Q_DECLARE_METATYPE(warren::amqp::FieldTable)
