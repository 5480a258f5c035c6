// Unit tests of the method codec (protocol/MethodTable.h, Methods.h, MethodCodec.h).
//
// Concerns:
//  - the method table itself: unique ids, wire names that match the C++ identifiers and the
//    class ids of the spec, methodName()/methodHasContent(), and the same ids, names and
//    content flags as pika's independently generated spec module
//  - EVERY method of WARREN_AMQP_METHODS (iterated through the X-macro, so a method added
//    to the table is covered without touching this file): a struct filled with non-default
//    values encodes to the bytes of an independent reference encoder written here and comes
//    back through dispatchMethod() with the same id, name, type and field values; each bit
//    field travels alone in its octet position; every strict prefix of the payload and any
//    trailing byte is Malformed and never reaches the handler
//  - bit packing goldens (queue.declare with all 32 flag combinations, exchange.declare,
//    basic.nack multiple/requeue)
//  - byte-for-byte agreement with pika (golden hex below, with the Python that produced it)
//    for every pika method that has arguments, tables included: our encoder produces the
//    bytes and our decoder accepts them with the expected values
//  - unknown ids are UnknownMethod; payloads too short for an id are Malformed

#include "ProtocolTestSupport.h"

#include "protocol/MethodCodec.h"

#include <QHash>
#include <QSet>
#include <QtTest/QTest>

#include <type_traits>
#include <variant>

using namespace warren::amqp;
using warren::test::hex;
using Type = FieldValue::Type;

namespace {

// ---- field snapshots: a method's fields as a comparable list -------------------------------

struct FieldRecord {
    FieldKind kind;
    std::variant<bool, quint64, QByteArray, FieldTable> value;
    friend bool operator==(const FieldRecord &, const FieldRecord &) = default;
};
using FieldRecords = QList<FieldRecord>;

struct Recorder {
    FieldRecords fields;
    template <FieldKind K, typename T> void field(const T &v)
    {
        if constexpr (std::is_same_v<T, bool>) fields.append({K, v});
        else if constexpr (std::is_integral_v<T>) fields.append({K, quint64(v)});
        else fields.append({K, v});
    }
};

template <class M> FieldRecords recordFields(const M &m)
{
    Recorder r;
    M::visitFields(m, r);
    return r.fields;
}

// ---- an independent encoder: plain byte pushing, its own bit packing -------------------------

struct ReferenceEncoder {
    QByteArray out;
    qsizetype bitOctet = -1;
    int bitsUsed = 8; // 8: no bit octet open

    void bigEndian(quint64 v, int octets)
    {
        for (int i = octets - 1; i >= 0; --i)
            out.append(char((v >> (8 * i)) & 0xff));
    }

    template <FieldKind K, typename T> void field(const T &v)
    {
        if constexpr (K == FieldKind::Bit) {
            if (bitsUsed == 8) {
                bitOctet = out.size();
                out.append('\0');
                bitsUsed = 0;
            }
            if (v)
                out[bitOctet] = char(out[bitOctet] | (1 << bitsUsed));
            ++bitsUsed;
        } else {
            bitsUsed = 8;
            if constexpr (K == FieldKind::Octet) bigEndian(v, 1);
            else if constexpr (K == FieldKind::Short) bigEndian(v, 2);
            else if constexpr (K == FieldKind::Long) bigEndian(v, 4);
            else if constexpr (K == FieldKind::LongLong) bigEndian(v, 8);
            else if constexpr (K == FieldKind::ShortStr) { bigEndian(quint64(v.size()), 1); out += v; }
            else if constexpr (K == FieldKind::LongStr) { bigEndian(quint64(v.size()), 4); out += v; }
            else if constexpr (K == FieldKind::Table) out += encodedTable(v); // tested in tst_fieldcodec
        }
    }
};

template <class M> QByteArray referenceEncoding(const M &m)
{
    ReferenceEncoder e;
    e.bigEndian(M::id, 4);
    M::visitFields(m, e);
    return e.out;
}

template <class M> QByteArray encoded(const M &m)
{
    QByteArray out;
    ByteWriter w(out);
    encodeMethod(w, m);
    w.finish();
    return out;
}

// ---- filling a method with non-default values ---------------------------------------------

enum class Bits { AllSet, EvenSet, OddSet, None, Only };

struct Filler {
    int variant = 0;       // which set of values
    Bits bits = Bits::AllSet;
    int onlyBit = -1;      // with Bits::Only
    int index = 0;         // field position
    int bitIndex = 0;      // position among the bit fields

    template <FieldKind K, typename T> void field(T &v)
    {
        const int i = index++;
        if constexpr (K == FieldKind::Bit) {
            const int b = bitIndex++;
            switch (bits) {
            case Bits::AllSet: v = true; break;
            case Bits::EvenSet: v = b % 2 == 0; break;
            case Bits::OddSet: v = b % 2 == 1; break;
            case Bits::None: v = false; break;
            case Bits::Only: v = b == onlyBit; break;
            }
        } else if constexpr (K == FieldKind::Octet) {
            v = std::uint8_t(0x80 | (i + variant));
        } else if constexpr (K == FieldKind::Short) {
            v = std::uint16_t(0x8000 | (i * 257 + variant));
        } else if constexpr (K == FieldKind::Long) {
            v = 0x80000000u | std::uint32_t(i * 65599 + variant);
        } else if constexpr (K == FieldKind::LongLong) {
            v = 0x8000000000000000ull | (0x0102030405060708ull * std::uint64_t(i + 1 + variant));
        } else if constexpr (K == FieldKind::ShortStr) {
            if (variant == 1)
                v = QByteArray(255, char('a' + i)); // the longest short string
            else if (variant == 2) {   // NUL, control and multi-byte UTF-8 (shortstrs must be UTF-8)
                static constexpr char kMixed[] = "\0\x01 nul, \xc3\xa9t\xc3\xa9 \xe6\xb6\x88\xe6\x81\xaf \xf0\x9f\x90\x87";
                v = QByteArray(kMixed, sizeof kMixed - 1) + QByteArray::number(i);
            }
            else
                v = "short-" + QByteArray::number(i);
        } else if constexpr (K == FieldKind::LongStr) {
            if (variant == 1)
                v = QByteArray(70000, char('A' + i)); // over 16 bits of length
            else if (variant == 2)
                v = QByteArray("\0user\0pass", 10);
            else
                v = "long-string-" + QByteArray::number(i);
        } else if constexpr (K == FieldKind::Table) {
            v = FieldTable{
                {"x-index", FieldValue::integer(i, Type::Int32)},
                {"x-variant", FieldValue::string("v" + QByteArray::number(variant))},
                {"x-nested", FieldValue::table(FieldTable{{"flag", FieldValue::boolean(true)},
                                                          {"list", FieldValue::array({FieldValue(), FieldValue::integer(-1, Type::Int8)})}})},
            };
        }
    }
};

struct BitCounter {
    int bits = 0;
    int fields = 0;
    template <FieldKind K, typename T> void field(const T &)
    {
        ++fields;
        if constexpr (K == FieldKind::Bit)
            ++bits;
    }
};

template <class M> M filled(int variant, Bits bits = Bits::AllSet, int onlyBit = -1)
{
    M m;
    Filler f{variant, bits, onlyBit};
    M::visitFields(m, f);
    return m;
}

template <class M> BitCounter countFields()
{
    BitCounter c;
    const M m{};
    M::visitFields(m, c);
    return c;
}

// ---- decoding through dispatchMethod --------------------------------------------------------

template <class M> struct Dispatched {
    MethodDecodeStatus status = MethodDecodeStatus::Malformed;
    int calls = 0;
    bool rightType = false;
    MethodId id = 0;
    QByteArray name;
    FieldRecords fields;
};

template <class M> Dispatched<M> dispatchAs(QByteArrayView payload)
{
    Dispatched<M> d;
    d.status = dispatchMethod(payload, [&d](const auto &method) {
        using Got = std::decay_t<decltype(method)>;
        ++d.calls;
        d.rightType = std::is_same_v<Got, M>;
        d.id = Got::id;
        d.name = Got::name;
        d.fields = recordFields(method);
    });
    return d;
}

int handlerCalls(QByteArrayView payload, MethodDecodeStatus &status)
{
    int calls = 0;
    status = dispatchMethod(payload, [&calls](const auto &) { ++calls; });
    return calls;
}

// Calls f(M{}) with the method type of id; false for an id not in the table.
template <class F> bool withMethod(MethodId id, F &&f)
{
    switch (id) {
#define WARREN_TEST_CASE(Cls, Mth, ...) case Cls##Mth::id: f(Cls##Mth{}); return true;
        WARREN_AMQP_METHODS(WARREN_TEST_CASE)
#undef WARREN_TEST_CASE
    }
    return false;
}

// "RecoverAsync" -> "recover-async"
QByteArray kebab(const char *identifier)
{
    QByteArray out;
    for (const char *p = identifier; *p; ++p) {
        if (*p >= 'A' && *p <= 'Z') {
            if (p != identifier)
                out += '-';
            out += char(*p - 'A' + 'a');
        } else {
            out += *p;
        }
    }
    return out;
}

// ---- goldens --------------------------------------------------------------------------------

struct Expected {
    MethodId id = 0;
    QByteArray encoded;
    FieldRecords fields;
};

template <class M> Expected expect(const M &m) { return {M::id, encoded(m), recordFields(m)}; }

FieldValue str(const char *s) { return FieldValue::string(QByteArray(s)); }
FieldValue i32(qint64 v) { return FieldValue::integer(v, Type::Int32); }

} // namespace

Q_DECLARE_METATYPE(Expected)

class TestMethodCodec : public QObject {
    Q_OBJECT

private slots:
    void methodTable();
    void matchesPikaSpec();

    void everyMethod_data();
    void everyMethod();
    void everyBitAlone_data() { everyMethod_data(); }
    void everyBitAlone();
    void truncatedIsMalformed_data() { everyMethod_data(); }
    void truncatedIsMalformed();
    void trailingBytesAreMalformed_data() { everyMethod_data(); }
    void trailingBytesAreMalformed();
    void shortStringsMustBeUtf8_data();
    void shortStringsMustBeUtf8();

    void queueDeclareBits_data();
    void queueDeclareBits();
    void exchangeDeclareBits_data();
    void exchangeDeclareBits();
    void basicNackBits_data();
    void basicNackBits();
    void unusedBitsIgnored();

    void pikaGolden_data();
    void pikaGolden();

    void unknownMethod_data();
    void unknownMethod();
    void tooShortForId_data();
    void tooShortForId();
};

void TestMethodCodec::methodTable()
{
    const QHash<QByteArray, std::uint16_t> classIds{
        {"connection", 10}, {"channel", 20}, {"exchange", 40}, {"queue", 50},
        {"basic", 60},      {"confirm", 85}, {"tx", 90},
    };
    QSet<MethodId> ids;
    QSet<QByteArray> names;
    int count = 0;
#define WARREN_TEST_ROW(Cls, Mth, classNumber, methodNumber, wireName, content)                  \
    {                                                                                            \
        ++count;                                                                                 \
        const QByteArray expectedName = kebab(#Cls) + '.' + kebab(#Mth);                         \
        QCOMPARE(QByteArray(Cls##Mth::name), expectedName);                                      \
        QCOMPARE(Cls##Mth::id, makeMethodId(classNumber, methodNumber));                         \
        QCOMPARE(classIdOf(Cls##Mth::id), classIds.value(kebab(#Cls)));                          \
        QCOMPARE(methodIndexOf(Cls##Mth::id), std::uint16_t(methodNumber));                      \
        QCOMPARE(QByteArray(methodName(Cls##Mth::id)), expectedName);                            \
        QCOMPARE(methodHasContent(Cls##Mth::id), content);                                       \
        QCOMPARE(Cls##Mth::hasContent, content);                                                 \
        QVERIFY2(!ids.contains(Cls##Mth::id), wireName);                                         \
        QVERIFY2(!names.contains(expectedName), wireName);                                       \
        ids.insert(Cls##Mth::id);                                                                \
        names.insert(expectedName);                                                              \
    }
    WARREN_AMQP_METHODS(WARREN_TEST_ROW)
#undef WARREN_TEST_ROW
    QCOMPARE(ids.size(), count);
    QCOMPARE(methodName(makeMethodId(60, 41)), nullptr);
    QCOMPARE(methodHasContent(makeMethodId(60, 41)), false);

    // Only these four carry content.
    QSet<QByteArray> withContent;
#define WARREN_TEST_CONTENT(Cls, Mth, ...) if (Cls##Mth::hasContent) withContent.insert(Cls##Mth::name);
    WARREN_AMQP_METHODS(WARREN_TEST_CONTENT)
#undef WARREN_TEST_CONTENT
    QCOMPARE(withContent, (QSet<QByteArray>{"basic.publish", "basic.return", "basic.deliver", "basic.get-ok"}));
}

void TestMethodCodec::matchesPikaSpec()
{
    // Generated from pika 1.2 with:
    //   for idx in sorted(pika.spec.methods):
    //       print(hex(idx), pika.spec.methods[idx].NAME, pika.spec.has_content(idx))
    struct PikaMethod { MethodId id; const char *name; bool hasContent; };
    static const PikaMethod pika[] = {
        {0x000A000A, "Connection.Start", false},    {0x000A000B, "Connection.StartOk", false},
        {0x000A0014, "Connection.Secure", false},   {0x000A0015, "Connection.SecureOk", false},
        {0x000A001E, "Connection.Tune", false},     {0x000A001F, "Connection.TuneOk", false},
        {0x000A0028, "Connection.Open", false},     {0x000A0029, "Connection.OpenOk", false},
        {0x000A0032, "Connection.Close", false},    {0x000A0033, "Connection.CloseOk", false},
        {0x000A003C, "Connection.Blocked", false},  {0x000A003D, "Connection.Unblocked", false},
        {0x0014000A, "Channel.Open", false},        {0x0014000B, "Channel.OpenOk", false},
        {0x00140014, "Channel.Flow", false},        {0x00140015, "Channel.FlowOk", false},
        {0x00140028, "Channel.Close", false},       {0x00140029, "Channel.CloseOk", false},
        {0x001E000A, "Access.Request", false},      {0x001E000B, "Access.RequestOk", false},
        {0x0028000A, "Exchange.Declare", false},    {0x0028000B, "Exchange.DeclareOk", false},
        {0x00280014, "Exchange.Delete", false},     {0x00280015, "Exchange.DeleteOk", false},
        {0x0028001E, "Exchange.Bind", false},       {0x0028001F, "Exchange.BindOk", false},
        {0x00280028, "Exchange.Unbind", false},     {0x00280033, "Exchange.UnbindOk", false},
        {0x0032000A, "Queue.Declare", false},       {0x0032000B, "Queue.DeclareOk", false},
        {0x00320014, "Queue.Bind", false},          {0x00320015, "Queue.BindOk", false},
        {0x0032001E, "Queue.Purge", false},         {0x0032001F, "Queue.PurgeOk", false},
        {0x00320028, "Queue.Delete", false},        {0x00320029, "Queue.DeleteOk", false},
        {0x00320032, "Queue.Unbind", false},        {0x00320033, "Queue.UnbindOk", false},
        {0x003C000A, "Basic.Qos", false},           {0x003C000B, "Basic.QosOk", false},
        {0x003C0014, "Basic.Consume", false},       {0x003C0015, "Basic.ConsumeOk", false},
        {0x003C001E, "Basic.Cancel", false},        {0x003C001F, "Basic.CancelOk", false},
        {0x003C0028, "Basic.Publish", true},        {0x003C0032, "Basic.Return", true},
        {0x003C003C, "Basic.Deliver", true},        {0x003C0046, "Basic.Get", false},
        {0x003C0047, "Basic.GetOk", true},          {0x003C0048, "Basic.GetEmpty", false},
        {0x003C0050, "Basic.Ack", false},           {0x003C005A, "Basic.Reject", false},
        {0x003C0064, "Basic.RecoverAsync", false},  {0x003C006E, "Basic.Recover", false},
        {0x003C006F, "Basic.RecoverOk", false},     {0x003C0078, "Basic.Nack", false},
        {0x0055000A, "Confirm.Select", false},      {0x0055000B, "Confirm.SelectOk", false},
        {0x005A000A, "Tx.Select", false},           {0x005A000B, "Tx.SelectOk", false},
        {0x005A0014, "Tx.Commit", false},           {0x005A0015, "Tx.CommitOk", false},
        {0x005A001E, "Tx.Rollback", false},         {0x005A001F, "Tx.RollbackOk", false},
    };
    // The deprecated access class (RabbitMQ answers it but no current client sends it) is
    // not in Warren's table; connection.update-secret(-ok) is a RabbitMQ extension pika lacks.
    const QSet<MethodId> notInWarren{0x001E000A, 0x001E000B};
    const QSet<MethodId> notInPika{makeMethodId(10, 70), makeMethodId(10, 71)};

    QSet<MethodId> pikaIds;
    for (const PikaMethod &p : pika) {
        pikaIds.insert(p.id);
        if (notInWarren.contains(p.id)) {
            QCOMPARE(methodName(p.id), nullptr);
            continue;
        }
        const QByteArray pikaName(p.name);
        const qsizetype dot = pikaName.indexOf('.');
        const QByteArray expected = kebab(pikaName.left(dot).constData()) + '.' + kebab(pikaName.mid(dot + 1).constData());
        QVERIFY2(methodName(p.id), p.name);
        QCOMPARE(QByteArray(methodName(p.id)), expected);
        QCOMPARE(methodHasContent(p.id), p.hasContent);
    }
#define WARREN_TEST_IN_PIKA(Cls, Mth, ...) \
    QVERIFY2(pikaIds.contains(Cls##Mth::id) || notInPika.contains(Cls##Mth::id), Cls##Mth::name);
    WARREN_AMQP_METHODS(WARREN_TEST_IN_PIKA)
#undef WARREN_TEST_IN_PIKA
}

void TestMethodCodec::everyMethod_data()
{
    QTest::addColumn<MethodId>("id");
#define WARREN_TEST_DATA_ROW(Cls, Mth, ...) QTest::newRow(Cls##Mth::name) << Cls##Mth::id;
    WARREN_AMQP_METHODS(WARREN_TEST_DATA_ROW)
#undef WARREN_TEST_DATA_ROW
}

void TestMethodCodec::everyMethod()
{
    QFETCH(MethodId, id);
    const bool known = withMethod(id, [](auto tag) {
        using M = decltype(tag);
        // Default values, then three sets of non-default values and bit patterns.
        const M variants[] = {M{}, filled<M>(0, Bits::AllSet), filled<M>(1, Bits::EvenSet),
                              filled<M>(2, Bits::OddSet)};
        for (const M &m : variants) {
            const QByteArray wire = encoded(m);
            QCOMPARE(wire, referenceEncoding(m));

            const Dispatched<M> d = dispatchAs<M>(wire);
            QCOMPARE(d.status, MethodDecodeStatus::Ok);
            QCOMPARE(d.calls, 1);
            QVERIFY(d.rightType);
            QCOMPARE(d.id, M::id);
            QCOMPARE(d.name, QByteArray(M::name));
            QVERIFY(d.fields == recordFields(m));

            // Decoding into a struct directly gives the same values.
            M back;
            ByteReader in(QByteArrayView(wire).sliced(4));
            QCOMPARE(decodeMethodArguments(in, back), MethodDecodeStatus::Ok);
            QVERIFY(recordFields(back) == recordFields(m));
        }
        // The non-default fill really differs from the default in every field.
        const FieldRecords defaults = recordFields(M{});
        const FieldRecords set = recordFields(filled<M>(0, Bits::AllSet));
        QCOMPARE(set.size(), defaults.size());
        for (qsizetype i = 0; i < set.size(); ++i)
            QVERIFY(!(set[i] == defaults[i]));
    });
    QVERIFY(known);
}

void TestMethodCodec::everyBitAlone()
{
    QFETCH(MethodId, id);
    withMethod(id, [](auto tag) {
        using M = decltype(tag);
        const int bits = countFields<M>().bits;
        for (int b = 0; b < bits; ++b) {
            const M m = filled<M>(0, Bits::Only, b);
            const QByteArray wire = encoded(m);
            QCOMPARE(wire, referenceEncoding(m));
            const Dispatched<M> d = dispatchAs<M>(wire);
            QCOMPARE(d.status, MethodDecodeStatus::Ok);
            QVERIFY(d.fields == recordFields(m));
            int set = 0;
            for (const FieldRecord &f : d.fields)
                if (f.kind == FieldKind::Bit && std::get<bool>(f.value))
                    ++set;
            QCOMPARE(set, 1);
        }
    });
}

void TestMethodCodec::truncatedIsMalformed()
{
    QFETCH(MethodId, id);
    withMethod(id, [](auto tag) {
        using M = decltype(tag);
        for (const M &m : {M{}, filled<M>(0), filled<M>(2)}) {
            const QByteArray wire = encoded(m);
            for (qsizetype cut = 0; cut < wire.size(); ++cut) {
                MethodDecodeStatus status;
                const int calls = handlerCalls(QByteArrayView(wire).first(cut), status);
                if (status != MethodDecodeStatus::Malformed || calls != 0)
                    QFAIL(qPrintable(QStringLiteral("%1 cut at %2 of %3 bytes: status %4, %5 calls")
                                         .arg(QLatin1StringView(M::name)).arg(cut).arg(wire.size())
                                         .arg(int(status)).arg(calls)));
            }
        }
    });
}

void TestMethodCodec::trailingBytesAreMalformed()
{
    QFETCH(MethodId, id);
    withMethod(id, [](auto tag) {
        using M = decltype(tag);
        for (const QByteArray &extra : {hex("00"), hex("ce"), QByteArray(100, 'x')}) {
            MethodDecodeStatus status;
            QCOMPARE(handlerCalls(QByteArray(encoded(filled<M>(0)) + extra), status), 0);
            QCOMPARE(status, MethodDecodeStatus::Malformed);
        }
    });
}

void TestMethodCodec::queueDeclareBits_data()
{
    QTest::addColumn<int>("flags"); // passive, durable, exclusive, auto-delete, no-wait: bits 0..4
    for (int flags = 0; flags < 32; ++flags)
        QTest::addRow("flags %02x", flags) << flags;
}

void TestMethodCodec::queueDeclareBits()
{
    QFETCH(int, flags);
    QueueDeclare m;
    m.queue = "q";
    m.passive = flags & 1;
    m.durable = flags & 2;
    m.exclusive = flags & 4;
    m.autoDelete = flags & 8;
    m.noWait = flags & 16;

    // class 50, method 10, ticket 0, "q", one octet of bits, an empty table
    QByteArray expected = hex("0032000a 0000 0171 00 00000000");
    expected[8] = char(flags);
    QCOMPARE(encoded(m), expected);

    const Dispatched<QueueDeclare> d = dispatchAs<QueueDeclare>(expected);
    QCOMPARE(d.status, MethodDecodeStatus::Ok);
    QVERIFY(d.fields == recordFields(m));
}

void TestMethodCodec::exchangeDeclareBits_data()
{
    QTest::addColumn<bool>("passive");
    QTest::addColumn<bool>("durable");
    QTest::addColumn<bool>("autoDelete");
    QTest::addColumn<bool>("internal");
    QTest::addColumn<bool>("noWait");
    QTest::addColumn<QByteArray>("wire");

    // class 40 method 10, ticket 0, exchange "x", type "topic", bits, empty arguments
    QTest::newRow("none") << false << false << false << false << false << hex("0028000a 0000 0178 05746f706963 00 00000000");
    QTest::newRow("passive") << true << false << false << false << false << hex("0028000a 0000 0178 05746f706963 01 00000000");
    QTest::newRow("durable") << false << true << false << false << false << hex("0028000a 0000 0178 05746f706963 02 00000000");
    QTest::newRow("auto-delete") << false << false << true << false << false << hex("0028000a 0000 0178 05746f706963 04 00000000");
    QTest::newRow("internal") << false << false << false << true << false << hex("0028000a 0000 0178 05746f706963 08 00000000");
    QTest::newRow("no-wait") << false << false << false << false << true << hex("0028000a 0000 0178 05746f706963 10 00000000");
    QTest::newRow("durable internal") << false << true << false << true << false << hex("0028000a 0000 0178 05746f706963 0a 00000000");
    QTest::newRow("all") << true << true << true << true << true << hex("0028000a 0000 0178 05746f706963 1f 00000000");
}

void TestMethodCodec::exchangeDeclareBits()
{
    QFETCH(bool, passive);
    QFETCH(bool, durable);
    QFETCH(bool, autoDelete);
    QFETCH(bool, internal);
    QFETCH(bool, noWait);
    QFETCH(QByteArray, wire);

    const ExchangeDeclare m{.exchange = "x", .type = "topic", .passive = passive, .durable = durable,
                            .autoDelete = autoDelete, .internal = internal, .noWait = noWait};
    QCOMPARE(encoded(m), wire);
    const Dispatched<ExchangeDeclare> d = dispatchAs<ExchangeDeclare>(wire);
    QCOMPARE(d.status, MethodDecodeStatus::Ok);
    QVERIFY(d.fields == recordFields(m));
}

void TestMethodCodec::basicNackBits_data()
{
    QTest::addColumn<bool>("multiple");
    QTest::addColumn<bool>("requeue");
    QTest::addColumn<QByteArray>("wire");

    QTest::newRow("neither") << false << false << hex("003c0078 0000000000000009 00");
    QTest::newRow("multiple") << true << false << hex("003c0078 0000000000000009 01");
    QTest::newRow("requeue") << false << true << hex("003c0078 0000000000000009 02");
    QTest::newRow("both") << true << true << hex("003c0078 0000000000000009 03");
}

void TestMethodCodec::basicNackBits()
{
    QFETCH(bool, multiple);
    QFETCH(bool, requeue);
    QFETCH(QByteArray, wire);

    const BasicNack m{.deliveryTag = 9, .multiple = multiple, .requeue = requeue};
    QCOMPARE(encoded(m), wire);
    const Dispatched<BasicNack> d = dispatchAs<BasicNack>(wire);
    QCOMPARE(d.status, MethodDecodeStatus::Ok);
    QVERIFY(d.fields == recordFields(m));
}

void TestMethodCodec::unusedBitsIgnored()
{
    // Reserved high bits of a bit octet are not an error (RabbitMQ ignores them as well).
    const Dispatched<BasicNack> d = dispatchAs<BasicNack>(hex("003c0078 0000000000000009 fd"));
    QCOMPARE(d.status, MethodDecodeStatus::Ok);
    QVERIFY(d.fields == recordFields(BasicNack{.deliveryTag = 9, .multiple = true, .requeue = false}));
}

void TestMethodCodec::pikaGolden_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<Expected>("expected");

    // Every golden was produced by Debian's python3-pika 1.2 as
    //   m = <the expression in the comment>
    //   (struct.pack('>I', m.INDEX) + b''.join(m.encode())).hex()
    // with `from pika.spec import *`, `from decimal import Decimal` and
    // `from datetime import datetime as dt`.

    // Connection.Start(version_major=0, version_minor=9, server_properties={'product': 'Warren',
    //     'capabilities': {'publisher_confirms': True, 'basic.nack': True}},
    //     mechanisms='PLAIN AMQPLAIN', locales='en_US')
    QTest::newRow("connection.start")
        << hex("000a000a0009000000470770726f64756374530000000657617272656e0c6361706162696c69746965"
               "734600000022127075626c69736865725f636f6e6669726d7374010a62617369632e6e61636b7401"
               "0000000e504c41494e20414d51504c41494e00000005656e5f5553")
        << expect(ConnectionStart{
               .versionMajor = 0, .versionMinor = 9,
               .serverProperties = FieldTable{
                   {"product", str("Warren")},
                   {"capabilities", FieldValue::table(FieldTable{{"publisher_confirms", FieldValue::boolean(true)},
                                                                 {"basic.nack", FieldValue::boolean(true)}})}},
               .mechanisms = "PLAIN AMQPLAIN", .locales = "en_US"});

    // Connection.StartOk(client_properties={'product': 'pika',
    //     'capabilities': {'consumer_cancel_notify': True}}, mechanism='PLAIN',
    //     response='\0guest\0guest', locale='en_US')
    QTest::newRow("connection.start-ok")
        << hex("000a000b0000003c0770726f64756374530000000470696b610c6361706162696c697469657346000000"
               "1916636f6e73756d65725f63616e63656c5f6e6f74696679740105504c41494e0000000c00677565737400"
               "677565737405656e5f5553")
        << expect(ConnectionStartOk{
               .clientProperties = FieldTable{
                   {"product", str("pika")},
                   {"capabilities", FieldValue::table(FieldTable{{"consumer_cancel_notify", FieldValue::boolean(true)}})}},
               .mechanism = "PLAIN", .response = QByteArray("\0guest\0guest", 12), .locale = "en_US"});

    // Connection.Secure(challenge='chal\0lenge')
    QTest::newRow("connection.secure") << hex("000a00140000000a6368616c006c656e6765")
                                       << expect(ConnectionSecure{.challenge = QByteArray("chal\0lenge", 10)});
    // Connection.SecureOk(response='\0user\0pass')
    QTest::newRow("connection.secure-ok") << hex("000a00150000000a00757365720070617373")
                                          << expect(ConnectionSecureOk{.response = QByteArray("\0user\0pass", 10)});
    // Connection.Tune(channel_max=2047, frame_max=131072, heartbeat=60)
    QTest::newRow("connection.tune") << hex("000a001e07ff00020000003c")
                                     << expect(ConnectionTune{.channelMax = 2047, .frameMax = 131072, .heartbeat = 60});
    // Connection.TuneOk(channel_max=512, frame_max=4096, heartbeat=0)
    QTest::newRow("connection.tune-ok") << hex("000a001f0200000010000000")
                                        << expect(ConnectionTuneOk{.channelMax = 512, .frameMax = 4096, .heartbeat = 0});
    // Connection.Open(virtual_host='/', insist=True)
    QTest::newRow("connection.open") << hex("000a0028012f0001")
                                     << expect(ConnectionOpen{.virtualHost = "/", .insist = true});
    // Connection.OpenOk(known_hosts='')
    QTest::newRow("connection.open-ok") << hex("000a002900") << expect(ConnectionOpenOk{});
    // Connection.Close(reply_code=320, reply_text='CONNECTION_FORCED - bye', class_id=10, method_id=50)
    QTest::newRow("connection.close")
        << hex("000a0032014017434f4e4e454354494f4e5f464f52434544202d20627965000a0032")
        << expect(ConnectionClose{.replyCode = 320, .replyText = "CONNECTION_FORCED - bye", .classId = 10, .methodId = 50});
    // Connection.CloseOk()
    QTest::newRow("connection.close-ok") << hex("000a0033") << expect(ConnectionCloseOk{});
    // Connection.Blocked(reason='low on memory')
    QTest::newRow("connection.blocked") << hex("000a003c0d6c6f77206f6e206d656d6f7279")
                                        << expect(ConnectionBlocked{.reason = "low on memory"});
    // Connection.Unblocked()
    QTest::newRow("connection.unblocked") << hex("000a003d") << expect(ConnectionUnblocked{});

    // Channel.Open()
    QTest::newRow("channel.open") << hex("0014000a00") << expect(ChannelOpen{});
    // Channel.OpenOk()
    QTest::newRow("channel.open-ok") << hex("0014000b00000000") << expect(ChannelOpenOk{});
    // Channel.Flow(active=True)
    QTest::newRow("channel.flow") << hex("0014001401") << expect(ChannelFlow{.active = true});
    // Channel.FlowOk(active=False)
    QTest::newRow("channel.flow-ok") << hex("0014001500") << expect(ChannelFlowOk{.active = false});
    // Channel.Close(reply_code=404, reply_text='NOT_FOUND - no queue', class_id=50, method_id=10)
    QTest::newRow("channel.close")
        << hex("001400280194144e4f545f464f554e44202d206e6f2071756575650032000a")
        << expect(ChannelClose{.replyCode = 404, .replyText = "NOT_FOUND - no queue", .classId = 50, .methodId = 10});
    // Channel.CloseOk()
    QTest::newRow("channel.close-ok") << hex("00140029") << expect(ChannelCloseOk{});

    // Exchange.Declare(exchange='logs', type='topic', durable=True, auto_delete=True,
    //     internal=True, arguments={'alternate-exchange': 'ae'})
    QTest::newRow("exchange.declare")
        << hex("0028000a0000046c6f677305746f7069630e0000001a12616c7465726e6174652d65786368616e67655300"
               "0000026165")
        << expect(ExchangeDeclare{.exchange = "logs", .type = "topic", .durable = true, .autoDelete = true,
                                  .internal = true, .arguments = FieldTable{{"alternate-exchange", str("ae")}}});
    // Exchange.DeclareOk()
    QTest::newRow("exchange.declare-ok") << hex("0028000b") << expect(ExchangeDeclareOk{});
    // Exchange.Delete(exchange='logs', if_unused=True)
    QTest::newRow("exchange.delete") << hex("002800140000046c6f677301")
                                     << expect(ExchangeDelete{.exchange = "logs", .ifUnused = true});
    // Exchange.Bind(destination='d', source='s', routing_key='a.#', nowait=True,
    //     arguments={'x-match': 'any', 'n': -5})
    QTest::newRow("exchange.bind")
        << hex("0028001e00000164017303612e23010000001707782d6d617463685300000003616e79016e49fffffffb")
        << expect(ExchangeBind{.destination = "d", .source = "s", .routingKey = "a.#", .noWait = true,
                               .arguments = FieldTable{{"x-match", str("any")}, {"n", i32(-5)}}});
    // Exchange.Unbind(destination='d', source='s', routing_key='k', nowait=False,
    //     arguments={'x-match': 'all'})
    QTest::newRow("exchange.unbind")
        << hex("00280028000001640173016b000000001007782d6d617463685300000003616c6c")
        << expect(ExchangeUnbind{.destination = "d", .source = "s", .routingKey = "k",
                                 .arguments = FieldTable{{"x-match", str("all")}}});
    // Exchange.UnbindOk()
    QTest::newRow("exchange.unbind-ok") << hex("00280033") << expect(ExchangeUnbindOk{});

    // Queue.Declare(queue='q', durable=True, arguments={'x-max-length': 10})
    QTest::newRow("queue.declare")
        << hex("0032000a0000017102000000120c782d6d61782d6c656e677468490000000a")
        << expect(QueueDeclare{.queue = "q", .durable = true, .arguments = FieldTable{{"x-max-length", i32(10)}}});
    // Queue.Declare(queue='jobs', durable=True, exclusive=True, auto_delete=True, nowait=True,
    //     arguments={'x-message-ttl': 60000, 'x-queue-type': 'quorum', 'x-expires': 2**40,
    //                'flag': False, 'nested': {'list': [1, 'two', None, Decimal('3.14')],
    //                'raw': b'\x00\xff'}, 'when': dt(2024, 1, 2, 3, 4, 5)})
    QTest::newRow("queue.declare every table type")
        << hex("0032000a0000046a6f62731e000000880d782d6d6573736167652d74746c490000ea600c782d71756575"
               "652d74797065530000000671756f72756d09782d657870697265736c000001000000000004666c61677400"
               "066e65737465644600000029046c69737441000000144900000001530000000374776f5644020000013a03"
               "726177780000000200ff047768656e540000000065937d25")
        << expect(QueueDeclare{
               .queue = "jobs", .durable = true, .exclusive = true, .autoDelete = true, .noWait = true,
               .arguments = FieldTable{
                   {"x-message-ttl", i32(60000)},
                   {"x-queue-type", str("quorum")},
                   {"x-expires", FieldValue::integer(qint64(1) << 40, Type::Int64)},
                   {"flag", FieldValue::boolean(false)},
                   {"nested", FieldValue::table(FieldTable{
                                  {"list", FieldValue::array({i32(1), str("two"), FieldValue(),
                                                              FieldValue::decimal({2, 314})})},
                                  {"raw", FieldValue::string(hex("00ff"), Type::ByteArray)}})},
                   {"when", FieldValue::integer(1704164645, Type::Timestamp)}}});
    // Queue.DeclareOk(queue='amq.gen-abc', message_count=42, consumer_count=3)
    QTest::newRow("queue.declare-ok") << hex("0032000b0b616d712e67656e2d6162630000002a00000003")
                                      << expect(QueueDeclareOk{.queue = "amq.gen-abc", .messageCount = 42, .consumerCount = 3});
    // Queue.Bind(queue='q', exchange='amq.headers', routing_key='',
    //     arguments={'x-match': 'all', 'format': 'pdf'})
    QTest::newRow("queue.bind")
        << hex("00320014000001710b616d712e6865616465727300000000001f07782d6d617463685300000003616c6c06"
               "666f726d61745300000003706466")
        << expect(QueueBind{.queue = "q", .exchange = "amq.headers", .routingKey = "",
                            .arguments = FieldTable{{"x-match", str("all")}, {"format", str("pdf")}}});
    // Queue.Purge(queue='q', nowait=True)
    QTest::newRow("queue.purge") << hex("0032001e0000017101") << expect(QueuePurge{.queue = "q", .noWait = true});
    // Queue.PurgeOk(message_count=70000)
    QTest::newRow("queue.purge-ok") << hex("0032001f00011170") << expect(QueuePurgeOk{.messageCount = 70000});
    // Queue.Delete(queue='q', if_unused=True, if_empty=True)
    QTest::newRow("queue.delete") << hex("003200280000017103")
                                  << expect(QueueDelete{.queue = "q", .ifUnused = true, .ifEmpty = true});
    // Queue.DeleteOk(message_count=0)
    QTest::newRow("queue.delete-ok") << hex("0032002900000000") << expect(QueueDeleteOk{});
    // Queue.Unbind(queue='q', exchange='x', routing_key='rk', arguments={})
    QTest::newRow("queue.unbind") << hex("0032003200000171017802726b00000000")
                                  << expect(QueueUnbind{.queue = "q", .exchange = "x", .routingKey = "rk"});

    // Basic.Qos(prefetch_size=0, prefetch_count=100, global_qos=True)
    QTest::newRow("basic.qos") << hex("003c000a00000000006401")
                               << expect(BasicQos{.prefetchSize = 0, .prefetchCount = 100, .global = true});
    // Basic.Consume(queue='q', consumer_tag='ctag-1', no_ack=True, exclusive=True,
    //     arguments={'x-priority': 5})
    QTest::newRow("basic.consume")
        << hex("003c00140000017106637461672d3106000000100a782d7072696f726974794900000005")
        << expect(BasicConsume{.queue = "q", .consumerTag = "ctag-1", .noAck = true, .exclusive = true,
                               .arguments = FieldTable{{"x-priority", i32(5)}}});
    // Basic.ConsumeOk(consumer_tag='amq.ctag-xyz')
    QTest::newRow("basic.consume-ok") << hex("003c00150c616d712e637461672d78797a")
                                      << expect(BasicConsumeOk{.consumerTag = "amq.ctag-xyz"});
    // Basic.Cancel(consumer_tag='ctag-1', nowait=True)
    QTest::newRow("basic.cancel") << hex("003c001e06637461672d3101")
                                  << expect(BasicCancel{.consumerTag = "ctag-1", .noWait = true});
    // Basic.CancelOk(consumer_tag='amq.ctag-xyz')
    QTest::newRow("basic.cancel-ok") << hex("003c001f0c616d712e637461672d78797a")
                                     << expect(BasicCancelOk{.consumerTag = "amq.ctag-xyz"});
    // Basic.Publish(exchange='amq.direct', routing_key='rk', mandatory=True)
    QTest::newRow("basic.publish") << hex("003c002800000a616d712e64697265637402726b01")
                                   << expect(BasicPublish{.exchange = "amq.direct", .routingKey = "rk", .mandatory = true});
    // Basic.Return(reply_code=312, reply_text='NO_ROUTE', exchange='x', routing_key='rk')
    QTest::newRow("basic.return") << hex("003c00320138084e4f5f524f555445017802726b")
                                  << expect(BasicReturn{.replyCode = 312, .replyText = "NO_ROUTE", .exchange = "x", .routingKey = "rk"});
    // Basic.Deliver(consumer_tag='ctag-1', delivery_tag=2**40 + 1, redelivered=True,
    //     exchange='x', routing_key='rk')
    QTest::newRow("basic.deliver")
        << hex("003c003c06637461672d31000001000000000101017802726b")
        << expect(BasicDeliver{.consumerTag = "ctag-1", .deliveryTag = (quint64(1) << 40) + 1, .redelivered = true,
                               .exchange = "x", .routingKey = "rk"});
    // Basic.Get(queue='q', no_ack=True)
    QTest::newRow("basic.get") << hex("003c00460000017101") << expect(BasicGet{.queue = "q", .noAck = true});
    // Basic.GetOk(delivery_tag=7, redelivered=False, exchange='', routing_key='q', message_count=9)
    QTest::newRow("basic.get-ok")
        << hex("003c004700000000000000070000017100000009")
        << expect(BasicGetOk{.deliveryTag = 7, .redelivered = false, .exchange = "", .routingKey = "q", .messageCount = 9});
    // Basic.GetEmpty()
    QTest::newRow("basic.get-empty") << hex("003c004800") << expect(BasicGetEmpty{});
    // Basic.Ack(delivery_tag=5, multiple=True)
    QTest::newRow("basic.ack") << hex("003c0050000000000000000501") << expect(BasicAck{.deliveryTag = 5, .multiple = true});
    // Basic.Reject(delivery_tag=3, requeue=True)
    QTest::newRow("basic.reject") << hex("003c005a000000000000000301") << expect(BasicReject{.deliveryTag = 3, .requeue = true});
    // Basic.RecoverAsync(requeue=True)
    QTest::newRow("basic.recover-async") << hex("003c006401") << expect(BasicRecoverAsync{.requeue = true});
    // Basic.Recover(requeue=True)
    QTest::newRow("basic.recover") << hex("003c006e01") << expect(BasicRecover{.requeue = true});
    // Basic.RecoverOk()
    QTest::newRow("basic.recover-ok") << hex("003c006f") << expect(BasicRecoverOk{});
    // Basic.Nack(delivery_tag=6, multiple=True, requeue=False)
    QTest::newRow("basic.nack") << hex("003c0078000000000000000601")
                                << expect(BasicNack{.deliveryTag = 6, .multiple = true, .requeue = false});

    // Confirm.Select(nowait=True)
    QTest::newRow("confirm.select") << hex("0055000a01") << expect(ConfirmSelect{.noWait = true});
    // Confirm.SelectOk()
    QTest::newRow("confirm.select-ok") << hex("0055000b") << expect(ConfirmSelectOk{});
    // Tx.Select()
    QTest::newRow("tx.select") << hex("005a000a") << expect(TxSelect{});
    // Tx.CommitOk()
    QTest::newRow("tx.commit-ok") << hex("005a0015") << expect(TxCommitOk{});
    // Tx.Rollback()
    QTest::newRow("tx.rollback") << hex("005a001e") << expect(TxRollback{});
}

void TestMethodCodec::pikaGolden()
{
    QFETCH(QByteArray, wire);
    QFETCH(Expected, expected);

    QCOMPARE(expected.encoded, wire);
    withMethod(expected.id, [&](auto tag) {
        using M = decltype(tag);
        const Dispatched<M> d = dispatchAs<M>(wire);
        QCOMPARE(d.status, MethodDecodeStatus::Ok);
        QCOMPARE(d.calls, 1);
        QVERIFY(d.rightType);
        QVERIFY(d.fields == expected.fields);
    });
}

void TestMethodCodec::shortStringsMustBeUtf8_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii") << QByteArray("orders.eu") << true;
    QTest::newRow("two, three and four bytes") << QByteArray("\xc3\xa9\xe6\xb6\x88\xf0\x9f\x90\x87") << true;
    QTest::newRow("lone continuation") << QByteArray("\x80") << false;
    QTest::newRow("truncated sequence") << QByteArray("ab\xc3") << false;
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << false;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
    QTest::newRow("0xff") << QByteArray("\xff") << false;
}

void TestMethodCodec::shortStringsMustBeUtf8()
{
    // RabbitMQ refuses a method whose shortstr is not UTF-8 ("Malformed UTF-8 in shortstr");
    // longstr fields carry bytes and are not checked.
    QFETCH(QByteArray, name);
    QFETCH(bool, valid);
    QueueDeclare m;
    m.queue = name;
    const QByteArray wire = encoded(m);
    ByteReader in(QByteArrayView(wire).sliced(4));
    QueueDeclare back;
    QCOMPARE(decodeMethodArguments(in, back), valid ? MethodDecodeStatus::Ok : MethodDecodeStatus::BadUtf8);

    ConnectionSecureOk secure;
    secure.response = name;
    const QByteArray secureWire = encoded(secure);
    ByteReader longIn(QByteArrayView(secureWire).sliced(4));
    ConnectionSecureOk secureBack;
    QCOMPARE(decodeMethodArguments(longIn, secureBack), MethodDecodeStatus::Ok);
}

void TestMethodCodec::unknownMethod_data()
{
    QTest::addColumn<QByteArray>("payload");

    QTest::newRow("access.request") << hex("001e000a 00 0000 00");
    QTest::newRow("class 0") << hex("0000000a");
    QTest::newRow("connection method 0") << hex("000a0000");
    QTest::newRow("connection.start + 1") << hex("000a000c");
    QTest::newRow("basic 41") << hex("003c0029 0000");
    QTest::newRow("exchange.unbind-ok as 41") << hex("00280029"); // RabbitMQ's unbind-ok is 51
    QTest::newRow("tx 22") << hex("005a0016");
    QTest::newRow("all ones") << hex("ffffffff ffffffff");
    QTest::newRow("little-endian basic.publish") << hex("28003c00 0000 00 00 00");
}

void TestMethodCodec::unknownMethod()
{
    QFETCH(QByteArray, payload);
    MethodDecodeStatus status;
    QCOMPARE(handlerCalls(payload, status), 0);
    QCOMPARE(status, MethodDecodeStatus::UnknownMethod);
}

void TestMethodCodec::tooShortForId_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("1 byte") << hex("00");
    QTest::newRow("2 bytes") << hex("003c");
    QTest::newRow("3 bytes") << hex("003c00");
}

void TestMethodCodec::tooShortForId()
{
    QFETCH(QByteArray, payload);
    MethodDecodeStatus status;
    QCOMPARE(handlerCalls(payload, status), 0);
    QCOMPARE(status, MethodDecodeStatus::Malformed);
}

QTEST_GUILESS_MAIN(TestMethodCodec)
#include "tst_methodcodec.moc"
