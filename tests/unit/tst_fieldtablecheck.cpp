// Unit tests of the published-table check (protocol/FieldTableCheck), which holds a table to
// what RabbitMQ 3.10's rabbit_binary_parser:parse_table reads.
//
// Concerns:
//  - every type tag RabbitMQ reads is accepted, in a table and in an array, with its
//    extremes: t b B s u I i l L f d D S x T F A V; empty and non-UTF-8 names; empty
//    strings, tables and arrays; nesting down to kMaxFieldNesting
//  - each way a table can be malformed is refused: an unknown tag (every one of them), a
//    name, fixed-size value or length-prefixed value running past its container (also a
//    nested one past its array while the outer table goes on), a lone byte after the last
//    entry, a float or double RabbitMQ cannot represent (NaN, infinities), nesting deeper
//    than the decoder takes, a hostile 100000-level input (no recursion)
//  - it agrees with the decoder: over every truncation and many one-byte changes of a table
//    of every type, the check accepts exactly what decodeTable reads in full, except
//    non-finite numbers, which only the check refuses

#include "ProtocolTestSupport.h"

#include "protocol/ByteReader.h"
#include "protocol/FieldCodec.h"
#include "protocol/FieldTableCheck.h"

#include <QtTest/QTest>

#include <cmath>
#include <limits>

using namespace warren::amqp;
using warren::test::deepWire;
using warren::test::everyTypeTable;
using warren::test::hex;
using warren::test::nested;
using Type = FieldValue::Type;

namespace {

// The entries of an encoded table: what follows its length.
QByteArrayView entriesOf(const QByteArray &table) { return QByteArrayView(table).sliced(4); }

bool hasNonFiniteNumber(const FieldValue &v);

bool hasNonFiniteNumber(const FieldTable &t)
{
    for (const auto &[name, value] : t) {
        if (hasNonFiniteNumber(value))
            return true;
    }
    return false;
}

bool hasNonFiniteNumber(const FieldValue &v)
{
    switch (v.type()) {
    case Type::Float:
    case Type::Double: return !std::isfinite(v.toDouble());
    case Type::Table: return hasNonFiniteNumber(v.toTable());
    case Type::Array:
        for (const FieldValue &item : v.toArray()) {
            if (hasNonFiniteNumber(item))
                return true;
        }
        return false;
    default: return false;
    }
}

// Whether decodeTable reads `entries` (behind a length saying exactly their size) in full,
// and then whether the check must accept them.
void expectAgreement(const QByteArray &entries)
{
    QByteArray wire(4, '\0');
    warren::test::putU32(wire, 0, std::uint32_t(entries.size()));
    wire += entries;
    ByteReader in(wire);
    const FieldTable decoded = decodeTable(in);
    const bool decodes = in.ok() && in.atEnd();
    const bool expected = decodes && !hasNonFiniteNumber(decoded);
    if (isWellFormedTable(entries) != expected)
        QFAIL(qPrintable(QStringLiteral("check says %1, decoder %2: %3")
                             .arg(!expected)
                             .arg(decodes)
                             .arg(QString::fromLatin1(entries.toHex(' ')))));
}

} // namespace

class TestFieldTableCheck : public QObject {
    Q_OBJECT
private slots:
    void accepted_data();
    void accepted();
    void everyTypeNested();
    void nestingToTheLimit();
    void malformed_data();
    void malformed();
    void everyUnknownTagRefused();
    void nestingBeyondTheLimit();
    void hostileDeepNesting();
    void agreesWithTheDecoder();
};

void TestFieldTableCheck::accepted_data()
{
    QTest::addColumn<QByteArray>("entries");

    QTest::newRow("no entries") << QByteArray();
    QTest::newRow("V void") << hex("0161 56");
    QTest::newRow("t true") << hex("0161 74 01");
    QTest::newRow("t non-canonical 2") << hex("0161 74 02");
    QTest::newRow("b min") << hex("0161 62 80");
    QTest::newRow("B max") << hex("0161 42 ff");
    QTest::newRow("s min") << hex("0161 73 8000");
    QTest::newRow("u max") << hex("0161 75 ffff");
    QTest::newRow("I min") << hex("0161 49 80000000");
    QTest::newRow("i max") << hex("0161 69 ffffffff");
    QTest::newRow("l min") << hex("0161 6c 8000000000000000");
    QTest::newRow("L max (read as a signed long)") << hex("0161 4c ffffffffffffffff");
    QTest::newRow("f 1.0") << hex("0161 66 3f800000");
    QTest::newRow("f -0.0") << hex("0161 66 80000000");
    QTest::newRow("f smallest subnormal") << hex("0161 66 00000001");
    QTest::newRow("f max") << hex("0161 66 7f7fffff");
    QTest::newRow("d pi") << hex("0161 64 400921fb54442d18");
    QTest::newRow("d lowest") << hex("0161 64 ffefffffffffffff");
    QTest::newRow("D 12.34") << hex("0161 44 02 000004d2");
    QTest::newRow("D scale 255, max") << hex("0161 44 ff ffffffff");
    QTest::newRow("T") << hex("0161 54 0000000065536c25");
    QTest::newRow("S") << hex("0161 53 00000003 616263");
    QTest::newRow("S empty") << hex("0161 53 00000000");
    QTest::newRow("S not UTF-8") << hex("0161 53 00000002 c328");
    QTest::newRow("x") << hex("0161 78 00000003 00ff80");
    QTest::newRow("F") << hex("0161 46 00000003 0162 56");
    QTest::newRow("F empty") << hex("0161 46 00000000");
    QTest::newRow("A of every fixed-size type")
        << hex("0161 41 00000046 56 7401 6280 42ff 738000 75ffff 4980000000 69ffffffff"
               " 6c8000000000000000 4cffffffffffffffff 663f800000 64400921fb54442d18 4402000004d2"
               " 540000000065536c25");
    QTest::newRow("A of S x F A") << hex("0161 41 00000019 5300000001 61 7800000000 4600000003 016256"
                                         " 4100000001 56");
    QTest::newRow("A empty") << hex("0161 41 00000000");
    QTest::newRow("empty name") << hex("00 56");
    QTest::newRow("name not UTF-8") << hex("01c3 56");
    QTest::newRow("255-octet name") << QByteArray(1, char(255)) + QByteArray(255, 'n') + 'V';
    QTest::newRow("duplicate names") << hex("0161 56 0161 7401");
}

void TestFieldTableCheck::accepted()
{
    QFETCH(QByteArray, entries);
    QVERIFY(isWellFormedTable(entries));
}

void TestFieldTableCheck::everyTypeNested()
{
    QVERIFY(isWellFormedTable(entriesOf(encodedTable(everyTypeTable()))));
    const FieldTable inArrays{{"a", FieldValue::array({FieldValue::table(everyTypeTable()),
                                                       FieldValue::array({FieldValue::table(everyTypeTable())})})}};
    QVERIFY(isWellFormedTable(entriesOf(encodedTable(inArrays))));
}

void TestFieldTableCheck::nestingToTheLimit()
{
    // As deep as decodeTable reads: kMaxFieldNesting containers below the top-level table.
    for (const Type t : {Type::Table, Type::Array})
        QVERIFY(isWellFormedTable(entriesOf(encodedTable(FieldTable{{"n", nested(kMaxFieldNesting, t)}}))));
}

void TestFieldTableCheck::malformed_data()
{
    QTest::addColumn<QByteArray>("entries");

    QTest::newRow("unknown tag Z") << hex("0161 5a");
    QTest::newRow("unknown tag after a valid entry") << hex("0161 56 0162 5a 00000000");
    QTest::newRow("unknown tag in an array") << hex("0161 41 00000002 56 5a");
    QTest::newRow("unknown tag in a nested table") << hex("0161 46 00000003 0162 5a");
    QTest::newRow("U (pika's signed short)") << hex("0161 55 0001");
    QTest::newRow("name past the end") << hex("05 6162");
    QTest::newRow("name without a tag") << hex("0161");
    QTest::newRow("empty name without a tag") << hex("00");
    QTest::newRow("a lone byte after the last entry") << hex("0161 56 05");
    QTest::newRow("t missing its octet") << hex("0161 74");
    QTest::newRow("s short") << hex("0161 73 80");
    QTest::newRow("I short") << hex("0161 49 000000");
    QTest::newRow("L short") << hex("0161 4c 00000000000000");
    QTest::newRow("d short") << hex("0161 64 400921fb54442d");
    QTest::newRow("D short") << hex("0161 44 02 000004");
    QTest::newRow("D scale alone") << hex("0161 44 02");
    QTest::newRow("T short") << hex("0161 54 00000000");
    QTest::newRow("fixed-size item short in an array") << hex("0161 41 00000002 49 00");
    QTest::newRow("S length missing") << hex("0161 53 0000");
    QTest::newRow("S past the end") << hex("0161 53 00000005 616263");
    QTest::newRow("S length 2^32-1") << hex("0161 53 ffffffff 00");
    QTest::newRow("x past the end") << hex("0161 78 00000002 00");
    QTest::newRow("F past the end") << hex("0161 46 00000010 0162 56");
    QTest::newRow("A past the end") << hex("0161 41 00000003 56");
    QTest::newRow("F past its array, inside the table")
        << hex("0161 41 00000006 46 00000005 01  0163 56 0164 56");
    QTest::newRow("S past its nested table") << hex("0161 46 00000007 0162 53 00000004  6364 0165 56");
    QTest::newRow("f NaN") << hex("0161 66 7fc00000");
    QTest::newRow("f +infinity") << hex("0161 66 7f800000");
    QTest::newRow("f -infinity") << hex("0161 66 ff800000");
    QTest::newRow("d NaN") << hex("0161 64 7ff8000000000000");
    QTest::newRow("d signalling NaN") << hex("0161 64 7ff0000000000001");
    QTest::newRow("d +infinity") << hex("0161 64 7ff0000000000000");
    QTest::newRow("d -infinity") << hex("0161 64 fff0000000000000");
    QTest::newRow("d NaN in an array") << hex("0161 41 00000009 64 7ff8000000000000");
    QTest::newRow("f NaN in a nested table") << hex("0161 46 00000007 0162 66 7fc00000");
}

void TestFieldTableCheck::malformed()
{
    QFETCH(QByteArray, entries);
    QVERIFY(!isWellFormedTable(entries));
}

void TestFieldTableCheck::everyUnknownTagRefused()
{
    const QByteArray known = "tbBsuIilLfdDSxTFAV";
    int refused = 0;
    for (int tag = 0; tag < 256; ++tag) {
        // Sixteen zero octets after the tag would complete a value of any known type.
        QByteArray entries = hex("0161") + char(tag) + QByteArray(16, '\0');
        QByteArray inArray = hex("0161 41 00000011") + char(tag) + QByteArray(16, '\0');
        if (known.contains(char(tag)))
            continue;
        ++refused;
        if (isWellFormedTable(entries) || isWellFormedTable(inArray))
            QFAIL(qPrintable(QStringLiteral("tag 0x%1 accepted").arg(tag, 2, 16, QLatin1Char('0'))));
    }
    QCOMPARE(refused, 256 - 18);
}

void TestFieldTableCheck::nestingBeyondTheLimit()
{
    for (const Type t : {Type::Table, Type::Array}) {
        const QByteArray wire = deepWire(kMaxFieldNesting + 1, t);
        QCOMPARE(wire, encodedTable(FieldTable{{"n", nested(kMaxFieldNesting + 1, t)}}));
        QVERIFY(!isWellFormedTable(entriesOf(wire)));
    }
}

void TestFieldTableCheck::hostileDeepNesting()
{
    for (const Type t : {Type::Table, Type::Array})
        QVERIFY(!isWellFormedTable(entriesOf(deepWire(100000, t))));
}

void TestFieldTableCheck::agreesWithTheDecoder()
{
    FieldTable table = everyTypeTable();
    // The largest finite numbers: one changed octet makes them NaN or infinite.
    table.append("dmax", FieldValue::floating(std::numeric_limits<double>::max(), Type::Double));
    table.append("fmax", FieldValue::floating(std::numeric_limits<float>::max(), Type::Float));
    const QByteArray entries = entriesOf(encodedTable(table)).toByteArray();
    QVERIFY(isWellFormedTable(entries));
    for (qsizetype cut = 0; cut <= entries.size(); ++cut)
        expectAgreement(entries.first(cut));
    // Each octet changed to values that are tags, lengths and special floats' high bytes.
    for (qsizetype at = 0; at < entries.size(); ++at) {
        for (const char octet : {'\x00', '\x01', '\x7f', '\x80', '\xff', 'Z', 'F', 'A', 'S', 'V', 'L', 'd'}) {
            QByteArray changed = entries;
            changed[at] = octet;
            expectAgreement(changed);
            if (QTest::currentTestFailed())
                return;
        }
    }
}

QTEST_GUILESS_MAIN(TestFieldTableCheck)
#include "tst_fieldtablecheck.moc"
