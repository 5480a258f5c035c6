// Unit tests of the content-header property list (protocol/BasicProperties).
//
// Concerns:
//  - the property table: 14 properties, flag bits 15..2 in spec order
//  - all 14 properties together, and each one alone (its flag bit and its bytes), round-trip
//  - byte-for-byte agreement with pika.spec.BasicProperties(...).encode() (golden hex below,
//    with the Python that produced it): our encoder produces the bytes, our decoder accepts them
//  - decode(raw, headers=false) skips the headers table (length-checked only) and still reads
//    the properties after it
//  - malformed lists are rejected: truncation at every offset, trailing bytes, a second
//    flags word, lengths past the end, a bad headers table
//  - flag bits 1 and 0 are ignored, as RabbitMQ ignores them
//  - PropertiesSummary::scan reads what the publish path needs in place, and refuses what
//    RabbitMQ could not decode, headers tables included (FieldTableCheck)
//  - isPersistent() follows delivery-mode 2

#include "ProtocolTestSupport.h"

#include "protocol/BasicProperties.h"

#include <QtTest/QTest>

using namespace warren::amqp;
using warren::test::hex;
using Type = FieldValue::Type;

namespace {

FieldValue str(const char *s) { return FieldValue::string(QByteArray(s)); }
FieldValue i32(qint64 v) { return FieldValue::integer(v, Type::Int32); }

template <FieldKind K> auto sample(int bit)
{
    if constexpr (K == FieldKind::Octet) return std::uint8_t(0x80 | bit);
    else if constexpr (K == FieldKind::LongLong) return std::uint64_t(0x8000000000000000ull | bit);
    else if constexpr (K == FieldKind::ShortStr) return QByteArray("value-" + QByteArray::number(bit));
    else if constexpr (K == FieldKind::Table)
        return FieldTable{{"h", str("v")}, {"n", FieldValue::table(FieldTable{{"bit", i32(bit)}})}};
}

// Wire bytes of one property value, written independently of the codec (tables aside).
template <FieldKind K, typename T> QByteArray sampleWire(const T &v)
{
    QByteArray out;
    if constexpr (K == FieldKind::Octet) {
        out.append(char(v));
    } else if constexpr (K == FieldKind::LongLong) {
        for (int i = 7; i >= 0; --i)
            out.append(char((v >> (8 * i)) & 0xff));
    } else if constexpr (K == FieldKind::ShortStr) {
        out.append(char(v.size()));
        out += v;
    } else if constexpr (K == FieldKind::Table) {
        out = encodedTable(v);
    }
    return out;
}

BasicProperties allFourteen()
{
    BasicProperties p;
    p.contentType = "application/json";
    p.contentEncoding = "gzip";
    p.headers = FieldTable{{"x-death", FieldValue::array({FieldValue::table(FieldTable{{"count", FieldValue::integer(2, Type::Int64)}})})},
                           {"retries", FieldValue::integer(-3, Type::Int8)},
                           {"bin", FieldValue::string(hex("00ff00"), Type::ByteArray)}};
    p.deliveryMode = 2;
    p.priority = 255;
    p.correlationId = QByteArray(255, 'c');
    p.replyTo = "amq.rabbitmq.reply-to";
    p.expiration = "60000";
    p.messageId = QByteArray("id\0with\0nuls", 12);
    p.timestamp = 0xfedcba9876543210ull;
    p.type = "order.created";
    p.userId = "guest";
    p.appId = "warren-tests";
    p.clusterId = "";
    return p;
}

BasicProperties withoutHeaders(BasicProperties p)
{
    p.headers.reset();
    return p;
}

std::uint16_t flagsOf(const QByteArray &wire)
{
    return std::uint16_t((std::uint8_t(wire[0]) << 8) | std::uint8_t(wire[1]));
}

} // namespace

namespace warren::amqp {
char *toString(const BasicProperties &p)
{
    return qstrdup(QByteArray("BasicProperties(" + p.encode().toHex(' ') + ')').constData());
}
} // namespace warren::amqp

Q_DECLARE_METATYPE(BasicProperties)

class TestBasicProperties : public QObject {
    Q_OBJECT

private slots:
    void propertyTable();
    void empty();
    void allFourteen();
    void eachPropertyAlone_data();
    void eachPropertyAlone();
    void pikaGolden_data();
    void pikaGolden();
    void skipHeaders_data() { pikaGolden_data(); }
    void skipHeaders();
    void skipHeadersChecksLengthOnly();
    void truncatedAtEveryOffset();
    void malformed_data();
    void malformed();
    void lowFlagBitsIgnored_data();
    void lowFlagBitsIgnored();
    void summary();
    void summaryRefusesWhatRabbitMQCannotDecode_data();
    void summaryRefusesWhatRabbitMQCannotDecode();
    void isPersistent();
};

void TestBasicProperties::propertyTable()
{
    QList<int> bits;
    QList<QByteArray> names;
#define WARREN_TEST_PROPERTY(bit, kind, member) bits.append(bit); names.append(#member);
    WARREN_BASIC_PROPERTIES(WARREN_TEST_PROPERTY)
#undef WARREN_TEST_PROPERTY
    QCOMPARE(bits, (QList<int>{15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2}));
    QCOMPARE(names, (QList<QByteArray>{"contentType", "contentEncoding", "headers", "deliveryMode", "priority",
                                       "correlationId", "replyTo", "expiration", "messageId", "timestamp",
                                       "type", "userId", "appId", "clusterId"}));
}

void TestBasicProperties::empty()
{
    QCOMPARE(BasicProperties().encode(), hex("0000"));
    const auto decoded = BasicProperties::decode(hex("0000"));
    QVERIFY(decoded);
    QCOMPARE(*decoded, BasicProperties());
    QVERIFY(BasicProperties::decode(hex("0000"), false));
}

void TestBasicProperties::allFourteen()
{
    const BasicProperties p = ::allFourteen();
    const QByteArray wire = p.encode();
    QCOMPARE(flagsOf(wire), std::uint16_t(0xfffc));

    const auto decoded = BasicProperties::decode(wire);
    QVERIFY(decoded);
    QCOMPARE(*decoded, p);
    QCOMPARE(decoded->encode(), wire);

    const auto light = BasicProperties::decode(wire, false);
    QVERIFY(light);
    QVERIFY(!light->headers);
    QCOMPARE(*light, withoutHeaders(p));
}

void TestBasicProperties::eachPropertyAlone_data()
{
    QTest::addColumn<int>("bit");
#define WARREN_TEST_PROPERTY_ROW(bit, kind, member) QTest::newRow(#member) << bit;
    WARREN_BASIC_PROPERTIES(WARREN_TEST_PROPERTY_ROW)
#undef WARREN_TEST_PROPERTY_ROW
}

void TestBasicProperties::eachPropertyAlone()
{
    QFETCH(int, bit);
    BasicProperties p;
    QByteArray valueWire;
#define WARREN_TEST_SET_ONE(bit_, kind, member)                            \
    if (bit == bit_) {                                                      \
        p.member = sample<FieldKind::kind>(bit);                            \
        valueWire = sampleWire<FieldKind::kind>(*p.member);                 \
    }
    WARREN_BASIC_PROPERTIES(WARREN_TEST_SET_ONE)
#undef WARREN_TEST_SET_ONE

    QByteArray expected(2, '\0');
    expected[0] = char((1 << bit) >> 8);
    expected[1] = char((1 << bit) & 0xff);
    expected += valueWire;
    QCOMPARE(p.encode(), expected);

    const auto decoded = BasicProperties::decode(expected);
    QVERIFY(decoded);
    QCOMPARE(*decoded, p);

    const auto light = BasicProperties::decode(expected, false);
    QVERIFY(light);
    QCOMPARE(*light, bit == 13 ? BasicProperties() : p);
}

void TestBasicProperties::pikaGolden_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<BasicProperties>("properties");

    // Produced by Debian's python3-pika 1.2 as
    //   b''.join(pika.spec.BasicProperties(...).encode()).hex()
    // with the arguments in the comment of each row.

    // BasicProperties()
    QTest::newRow("none") << hex("0000") << BasicProperties();

    // BasicProperties(content_type='text/plain', delivery_mode=2)
    BasicProperties textPersistent;
    textPersistent.contentType = "text/plain";
    textPersistent.deliveryMode = 2;
    QTest::newRow("content-type, delivery-mode") << hex("90000a746578742f706c61696e02") << textPersistent;

    // BasicProperties(headers={'x-death': [{'count': 1, 'queue': 'q'}], 'retries': 3},
    //                 priority=9, timestamp=1700000000)
    BasicProperties headers;
    headers.headers = FieldTable{
        {"x-death", FieldValue::array({FieldValue::table(FieldTable{{"count", i32(1)}, {"queue", str("q")}})})},
        {"retries", i32(3)}};
    headers.priority = 9;
    headers.timestamp = 1700000000;
    QTest::newRow("headers, priority, timestamp")
        << hex("28400000003607782d6465617468410000001c460000001705636f756e7449000000010571756575655300"
               "000001710772657472696573490000000309000000006553f100")
        << headers;

    // BasicProperties(content_type='application/json', content_encoding='gzip', headers={'h': 'v'},
    //     delivery_mode=1, priority=0, correlation_id='corr', reply_to='amq.rabbitmq.reply-to',
    //     expiration='60000', message_id='m-1', timestamp=2**40, type='order.created',
    //     user_id='guest', app_id='app', cluster_id='c1')
    BasicProperties all;
    all.contentType = "application/json";
    all.contentEncoding = "gzip";
    all.headers = FieldTable{{"h", str("v")}};
    all.deliveryMode = 1;
    all.priority = 0;
    all.correlationId = "corr";
    all.replyTo = "amq.rabbitmq.reply-to";
    all.expiration = "60000";
    all.messageId = "m-1";
    all.timestamp = quint64(1) << 40;
    all.type = "order.created";
    all.userId = "guest";
    all.appId = "app";
    all.clusterId = "c1";
    QTest::newRow("all 14")
        << hex("fffc106170706c69636174696f6e2f6a736f6e04677a6970000000080168530000000176010004636f72"
               "7215616d712e7261626269746d712e7265706c792d746f053630303030036d2d310000010000000000"
               "0d6f726465722e6372656174656405677565737403617070026331")
        << all;

    // BasicProperties(reply_to='r', cluster_id='c')
    BasicProperties sparse;
    sparse.replyTo = "r";
    sparse.clusterId = "c";
    QTest::newRow("reply-to, cluster-id") << hex("020401720163") << sparse;
}

void TestBasicProperties::pikaGolden()
{
    QFETCH(QByteArray, wire);
    QFETCH(BasicProperties, properties);

    QCOMPARE(properties.encode(), wire);
    const auto decoded = BasicProperties::decode(wire);
    QVERIFY(decoded);
    QCOMPARE(*decoded, properties);
}

void TestBasicProperties::skipHeaders()
{
    QFETCH(QByteArray, wire);
    QFETCH(BasicProperties, properties);

    const auto decoded = BasicProperties::decode(wire, false);
    QVERIFY(decoded);
    QVERIFY(!decoded->headers);
    QCOMPARE(*decoded, withoutHeaders(properties));
}

void TestBasicProperties::skipHeadersChecksLengthOnly()
{
    // A headers table whose length fits but whose contents are garbage (unknown tag 'Z'),
    // followed by delivery-mode 2: the cheap path skips it, the full decode refuses it.
    const QByteArray wire = hex("3000 00000003 016b5a 02");
    const auto light = BasicProperties::decode(wire, false);
    QVERIFY(light);
    QVERIFY(!light->headers);
    QCOMPARE(light->deliveryMode, std::optional<std::uint8_t>(2));
    QVERIFY(!BasicProperties::decode(wire, true));

    // A headers length past the end is refused either way.
    for (bool headers : {false, true}) {
        QVERIFY(!BasicProperties::decode(hex("2000 00000004 016b56"), headers));
        QVERIFY(!BasicProperties::decode(hex("3000 ffffffff 02"), headers));
    }
}

void TestBasicProperties::truncatedAtEveryOffset()
{
    const QByteArray wire = ::allFourteen().encode();
    for (qsizetype cut = 0; cut < wire.size(); ++cut) {
        for (bool headers : {true, false}) {
            if (BasicProperties::decode(QByteArrayView(wire).first(cut), headers))
                QFAIL(qPrintable(QStringLiteral("cut at %1 of %2 decoded (headers=%3)")
                                     .arg(cut).arg(wire.size()).arg(headers)));
        }
    }
}

void TestBasicProperties::malformed_data()
{
    QTest::addColumn<QByteArray>("wire");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one octet") << hex("90");
    // Bit 0 would announce another flags word; RabbitMQ ignores it, so such a word is
    // bytes after the list.
    QTest::newRow("second flags word") << hex("0001 0000");
    QTest::newRow("second flags word, all set") << hex("fffd 0000");
    QTest::newRow("content-type missing") << hex("8000");
    QTest::newRow("content-type over end") << hex("8000 05 6162");
    QTest::newRow("delivery-mode missing") << hex("1000");
    QTest::newRow("timestamp short") << hex("0040 00000000");
    QTest::newRow("trailing octet, no flags") << hex("0000 00");
    QTest::newRow("trailing octet") << hex("90000a746578742f706c61696e02 ff");
    QTest::newRow("property not announced") << hex("1000 02 09");
    QTest::newRow("cluster-id over end") << hex("0004 02 63");
}

void TestBasicProperties::malformed()
{
    QFETCH(QByteArray, wire);
    QVERIFY(!BasicProperties::decode(wire, true));
    QVERIFY(!BasicProperties::decode(wire, false));
}

void TestBasicProperties::lowFlagBitsIgnored_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("withoutThem");

    // RabbitMQ reads flag bits 15..2 and skips bits 1 and 0 (bit 0 would announce another
    // flags word): these lists are fine.
    QTest::newRow("bit 0 alone") << hex("0001") << hex("0000");
    QTest::newRow("bit 1 alone") << hex("0002") << hex("0000");
    QTest::newRow("bits 0 and 1, content-type and delivery-mode")
        << hex("9003 0a746578742f706c61696e 02") << hex("9000 0a746578742f706c61696e 02");
}

void TestBasicProperties::lowFlagBitsIgnored()
{
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, withoutThem);
    QCOMPARE(BasicProperties::decode(wire), BasicProperties::decode(withoutThem));
    QVERIFY(BasicProperties::decode(wire));
    const auto summary = PropertiesSummary::scan(wire);
    QVERIFY(summary);
    QCOMPARE(summary->deliveryMode, PropertiesSummary::scan(withoutThem)->deliveryMode);
}

void TestBasicProperties::summary()
{
    BasicProperties p = ::allFourteen();
    p.headers = FieldTable{{"k", str("v")}};
    const QByteArray wire = p.encode();
    const auto s = PropertiesSummary::scan(wire);
    QVERIFY(s);
    QCOMPARE((std::pair{s->deliveryMode, s->priority}), (std::pair{*p.deliveryMode, *p.priority}));
    QCOMPARE(s->replyTo, std::optional<QByteArrayView>(*p.replyTo));
    QCOMPARE(s->userId, std::optional<QByteArrayView>(*p.userId));
    QCOMPARE(s->expiration, std::optional<QByteArrayView>(*p.expiration));
    QCOMPARE(s->headers, std::optional<QByteArrayView>(encodedTable(*p.headers).sliced(4)));
    // No properties at all: the broker's own messages, which have none.
    QVERIFY(PropertiesSummary::scan({}));
}

void TestBasicProperties::summaryRefusesWhatRabbitMQCannotDecode_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<bool>("decodes");   // whether BasicProperties::decode still reads it

    QTest::newRow("headers with an unknown tag") << hex("2000 00000003 016b5a") << false;
    QTest::newRow("headers with a string past the table") << hex("2000 00000008 016b53 00000009 00") << false;
    QTest::newRow("headers with a NaN double") << hex("2000 0000000b 016b64 7ff8000000000000") << true;
    QTest::newRow("headers length past the end") << hex("2000 00000004 016b56") << false;
    QTest::newRow("content-type past the end") << hex("8000 05 6162") << false;
    QTest::newRow("trailing octet") << hex("0000 00") << false;
    QTest::newRow("one octet") << hex("90") << false;
}

void TestBasicProperties::summaryRefusesWhatRabbitMQCannotDecode()
{
    QFETCH(QByteArray, wire);
    QFETCH(bool, decodes);
    QVERIFY(!PropertiesSummary::scan(wire));
    QCOMPARE(bool(BasicProperties::decode(wire)), decodes);
}

void TestBasicProperties::isPersistent()
{
    BasicProperties p;
    QVERIFY(!p.isPersistent());
    p.deliveryMode = 1;
    QVERIFY(!p.isPersistent());
    p.deliveryMode = 2;
    QVERIFY(p.isPersistent());
    p.deliveryMode = 3;
    QVERIFY(!p.isPersistent());
    QVERIFY(BasicProperties::decode(hex("1000 02"))->isPersistent());
}

QTEST_GUILESS_MAIN(TestBasicProperties)
#include "tst_basicproperties.moc"
