// Unit tests of model::parseQueuePolicy and model::parseExpiration: queue arguments and the
// `expiration` property validated the way RabbitMQ validates them.
//
// Concerns:
//  - every argument RabbitMQ knows is accepted with valid values and lands in the policy
//    (x-expires, x-message-ttl, x-dead-letter-exchange/-routing-key, x-max-length,
//    x-max-length-bytes, x-overflow, x-max-priority, x-single-active-consumer,
//    x-queue-type, x-delivery-limit); x-max-in-memory-*, x-queue-mode and unknown
//    arguments are accepted and change nothing; no arguments give the defaults
//  - integer arguments accept every AMQP integer width, signed and unsigned, and nothing
//    else (timestamps, booleans, floats, strings: "expected integer, got T")
//  - invalid values give RabbitMQ's error terms, with the argument's key:
//    {value_zero,0} and {value_negative,N} and {value_too_large,N} (over ten years) for
//    x-expires and x-message-ttl, {value_negative,N} for the lengths,
//    {max_value_exceeded,256} for x-max-priority, {unacceptable_type,T} for string and
//    boolean arguments, invalid_overflow, "unsupported queue mode/type 'X'",
//    routing_key_but_no_dlx_defined; a non-string x-dead-letter-exchange in plain text;
//    the first bad argument in RabbitMQ's order wins
//  - quorum queues: x-max-priority / x-queue-mode / x-queue-master-locator refused first,
//    then auto-delete, exclusive, non-durable (plain-text reasons, RabbitMQ's order);
//    every x-overflow and x-delivery-limit accepted; the same flags are fine for classic
//    queues, which refuse x-delivery-limit
//  - x-queue-type stream is refused with a plain-text reason
//  - parseExpiration: "100", "0", "+5", limits, no_integer, {value_negative,N},
//    {leftover_string,"..."}, {value_too_large,N} also beyond 64 bits

#include "model/QueuePolicy.h"

#include <QtTest/QTest>

using namespace warren::model;
using warren::amqp::FieldTable;
using warren::amqp::FieldValue;
using VT = FieldValue::Type;

Q_DECLARE_METATYPE(warren::amqp::FieldTable)
Q_DECLARE_METATYPE(warren::amqp::FieldValue::Type)

namespace {

const QByteArray kQueue = "queue 'q' in vhost '/'";

FieldValue str(const char *s) { return FieldValue::string(s); }
FieldValue num(qint64 v, VT t = VT::Int32) { return FieldValue::integer(v, t); }

constexpr qint64 kMaxTtl = 315360000000LL;   // ten years in ms

// RabbitMQ's words for a non-integer where an integer belongs.
QByteArray notInteger(const char *type) { return "\"expected integer, got " + QByteArray(type) + "\""; }

QByteArray opt(const std::optional<qint64> &v) { return v ? QByteArray::number(*v) : QByteArray("-"); }
QByteArray opt(const std::optional<QByteArray> &v) { return v ? "'" + *v + "'" : QByteArray("-"); }

const char *overflowName(Overflow o)
{
    switch (o) {
    case Overflow::DropHead: return "drop-head";
    case Overflow::RejectPublish: return "reject-publish";
    case Overflow::RejectPublishDlx: return "reject-publish-dlx";
    }
    return "?";
}

// Every field of a policy on one line, so that a row states the whole expected policy.
QByteArray describe(const QueuePolicy &p)
{
    return QByteArray(p.type == QueueType::Quorum ? "quorum" : "classic") + " ttl=" + opt(p.messageTtl)
        + " expires=" + opt(p.expires) + " maxlen=" + opt(p.maxLength) + " maxbytes=" + opt(p.maxLengthBytes)
        + " overflow=" + overflowName(p.overflow) + " dlx=" + opt(p.deadLetterExchange)
        + " dlrk=" + opt(p.deadLetterRoutingKey) + " prio=" + QByteArray::number(p.maxPriority)
        + " sac=" + (p.singleActiveConsumer ? "1" : "0") + " limit=" + opt(p.deliveryLimit);
}

const QByteArray kDefaults = "classic ttl=- expires=- maxlen=- maxbytes=- overflow=drop-head dlx=- dlrk=- prio=0 "
                             "sac=0 limit=-";

} // namespace

class tst_QueuePolicy : public QObject {
    Q_OBJECT

private slots:
    void accepted_data();
    void accepted();
    void integerWidths_data();
    void integerWidths();
    void refused_data();
    void refused();
    void quorumRestrictions_data();
    void quorumRestrictions();
    void streamRefused();
    void parseExpiration_data();
    void parseExpiration();
};

void tst_QueuePolicy::accepted_data()
{
    QTest::addColumn<FieldTable>("arguments");
    QTest::addColumn<bool>("durable");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("no arguments") << FieldTable{} << false << kDefaults;
    QTest::newRow("x-expires 1") << FieldTable{{"x-expires", num(1)}} << false
                                 << QByteArray("classic ttl=- expires=1 maxlen=- maxbytes=- overflow=drop-head dlx=- "
                                               "dlrk=- prio=0 sac=0 limit=-");
    QTest::newRow("x-expires max") << FieldTable{{"x-expires", num(kMaxTtl, VT::Int64)}} << false
                                   << QByteArray("classic ttl=- expires=315360000000 maxlen=- maxbytes=- "
                                                 "overflow=drop-head dlx=- dlrk=- prio=0 sac=0 limit=-");
    QTest::newRow("x-message-ttl 0") << FieldTable{{"x-message-ttl", num(0)}} << false
                                     << QByteArray("classic ttl=0 expires=- maxlen=- maxbytes=- overflow=drop-head "
                                                   "dlx=- dlrk=- prio=0 sac=0 limit=-");
    QTest::newRow("x-message-ttl unsignedint") << FieldTable{{"x-message-ttl", num(4294967295LL, VT::UInt32)}}
                                               << false
                                               << QByteArray("classic ttl=4294967295 expires=- maxlen=- maxbytes=- "
                                                             "overflow=drop-head dlx=- dlrk=- prio=0 sac=0 limit=-");
    QTest::newRow("x-message-ttl max") << FieldTable{{"x-message-ttl", num(kMaxTtl, VT::Int64)}} << false
                                       << QByteArray("classic ttl=315360000000 expires=- maxlen=- maxbytes=- "
                                                     "overflow=drop-head dlx=- dlrk=- prio=0 sac=0 limit=-");
    QTest::newRow("dlx") << FieldTable{{"x-dead-letter-exchange", str("dlx")}} << false
                         << QByteArray("classic ttl=- expires=- maxlen=- maxbytes=- overflow=drop-head dlx='dlx' "
                                       "dlrk=- prio=0 sac=0 limit=-");
    QTest::newRow("dlx default exchange") << FieldTable{{"x-dead-letter-exchange", str("")}} << false
                                          << QByteArray("classic ttl=- expires=- maxlen=- maxbytes=- "
                                                        "overflow=drop-head dlx='' dlrk=- prio=0 sac=0 limit=-");
    QTest::newRow("dlx and key") << FieldTable{{"x-dead-letter-routing-key", str("dead")},
                                               {"x-dead-letter-exchange", str("dlx")}}
                                 << false
                                 << QByteArray("classic ttl=- expires=- maxlen=- maxbytes=- overflow=drop-head "
                                               "dlx='dlx' dlrk='dead' prio=0 sac=0 limit=-");
    QTest::newRow("x-max-length 0") << FieldTable{{"x-max-length", num(0)}} << false
                                    << QByteArray("classic ttl=- expires=- maxlen=0 maxbytes=- overflow=drop-head "
                                                  "dlx=- dlrk=- prio=0 sac=0 limit=-");
    QTest::newRow("x-max-length-bytes") << FieldTable{{"x-max-length-bytes", num(1048576, VT::Int64)}} << false
                                        << QByteArray("classic ttl=- expires=- maxlen=- maxbytes=1048576 "
                                                      "overflow=drop-head dlx=- dlrk=- prio=0 sac=0 limit=-");
    QTest::newRow("overflow drop-head") << FieldTable{{"x-overflow", str("drop-head")}} << false << kDefaults;
    QTest::newRow("overflow reject-publish")
        << FieldTable{{"x-max-length", num(5)}, {"x-overflow", str("reject-publish")}} << false
        << QByteArray("classic ttl=- expires=- maxlen=5 maxbytes=- overflow=reject-publish dlx=- dlrk=- prio=0 "
                      "sac=0 limit=-");
    QTest::newRow("overflow reject-publish-dlx")
        << FieldTable{{"x-overflow", str("reject-publish-dlx")}} << false
        << QByteArray("classic ttl=- expires=- maxlen=- maxbytes=- overflow=reject-publish-dlx dlx=- dlrk=- prio=0 "
                      "sac=0 limit=-");
    QTest::newRow("x-max-priority 0") << FieldTable{{"x-max-priority", num(0, VT::UInt8)}} << false << kDefaults;
    QTest::newRow("x-max-priority 10") << FieldTable{{"x-max-priority", num(10, VT::Int8)}} << false
                                       << QByteArray("classic ttl=- expires=- maxlen=- maxbytes=- overflow=drop-head "
                                                     "dlx=- dlrk=- prio=10 sac=0 limit=-");
    QTest::newRow("x-max-priority 255") << FieldTable{{"x-max-priority", num(255, VT::Int16)}} << false
                                        << QByteArray("classic ttl=- expires=- maxlen=- maxbytes=- "
                                                      "overflow=drop-head dlx=- dlrk=- prio=255 sac=0 limit=-");
    QTest::newRow("sac true") << FieldTable{{"x-single-active-consumer", FieldValue::boolean(true)}} << false
                              << QByteArray("classic ttl=- expires=- maxlen=- maxbytes=- overflow=drop-head dlx=- "
                                            "dlrk=- prio=0 sac=1 limit=-");
    QTest::newRow("sac false") << FieldTable{{"x-single-active-consumer", FieldValue::boolean(false)}} << false
                               << kDefaults;
    QTest::newRow("type classic") << FieldTable{{"x-queue-type", str("classic")}} << false << kDefaults;
    QTest::newRow("type quorum") << FieldTable{{"x-queue-type", str("quorum")}} << true
                                 << QByteArray("quorum ttl=- expires=- maxlen=- maxbytes=- overflow=drop-head dlx=- "
                                               "dlrk=- prio=0 sac=0 limit=-");
    QTest::newRow("quorum delivery limit")
        << FieldTable{{"x-queue-type", str("quorum")}, {"x-delivery-limit", num(5)}} << true
        << QByteArray("quorum ttl=- expires=- maxlen=- maxbytes=- overflow=drop-head dlx=- dlrk=- prio=0 sac=0 "
                      "limit=5");
    QTest::newRow("quorum delivery limit 0")
        << FieldTable{{"x-queue-type", str("quorum")}, {"x-delivery-limit", num(0, VT::Int64)}} << true
        << QByteArray("quorum ttl=- expires=- maxlen=- maxbytes=- overflow=drop-head dlx=- dlrk=- prio=0 sac=0 "
                      "limit=0");
    QTest::newRow("quorum reject-publish")
        << FieldTable{{"x-queue-type", str("quorum")}, {"x-overflow", str("reject-publish")}} << true
        << QByteArray("quorum ttl=- expires=- maxlen=- maxbytes=- overflow=reject-publish dlx=- dlrk=- prio=0 sac=0 "
                      "limit=-");
    QTest::newRow("quorum reject-publish-dlx")
        << FieldTable{{"x-queue-type", str("quorum")}, {"x-overflow", str("reject-publish-dlx")}} << true
        << QByteArray("quorum ttl=- expires=- maxlen=- maxbytes=- overflow=reject-publish-dlx dlx=- dlrk=- prio=0 "
                      "sac=0 limit=-");
    QTest::newRow("in-memory limits, queue mode: accepted, no effect")
        << FieldTable{{"x-max-in-memory-length", num(10)}, {"x-max-in-memory-bytes", num(0)},
                      {"x-queue-mode", str("lazy")}}
        << false << kDefaults;
    QTest::newRow("queue mode default") << FieldTable{{"x-queue-mode", str("default")}} << false << kDefaults;
    QTest::newRow("unknown arguments ignored")
        << FieldTable{{"x-foo", str("bar")}, {"x-queue-master-locator", str("min-masters")}, {"priority", num(-3)}}
        << false << kDefaults;
    QTest::newRow("everything")
        << FieldTable{{"x-message-ttl", num(1000)},
                      {"x-expires", num(60000)},
                      {"x-max-length", num(100)},
                      {"x-max-length-bytes", num(4096)},
                      {"x-overflow", str("reject-publish-dlx")},
                      {"x-dead-letter-exchange", str("dlx")},
                      {"x-dead-letter-routing-key", str("rk")},
                      {"x-max-priority", num(9)},
                      {"x-single-active-consumer", FieldValue::boolean(true)},
                      {"x-queue-type", str("classic")}}
        << true
        << QByteArray("classic ttl=1000 expires=60000 maxlen=100 maxbytes=4096 overflow=reject-publish-dlx dlx='dlx' "
                      "dlrk='rk' prio=9 sac=1 limit=-");
}

void tst_QueuePolicy::accepted()
{
    QFETCH(FieldTable, arguments);
    QFETCH(bool, durable);
    QFETCH(QByteArray, expected);

    const PolicyOrError parsed = parseQueuePolicy(arguments, durable, false, false, kQueue);
    QVERIFY2(parsed.policy.has_value(), parsed.error.key + ": " + parsed.error.reason);
    QVERIFY(parsed.error.reason.isEmpty());
    QVERIFY(parsed.error.key.isEmpty());
    QCOMPARE(describe(*parsed.policy), expected);
    QCOMPARE(parsed.policy->hasLengthLimit(), parsed.policy->maxLength || parsed.policy->maxLengthBytes);
}

void tst_QueuePolicy::integerWidths_data()
{
    QTest::addColumn<VT>("type");
    QTest::addColumn<QByteArray>("refusal");   // empty: accepted

    QTest::newRow("byte") << VT::Int8 << QByteArray();
    QTest::newRow("unsignedbyte") << VT::UInt8 << QByteArray();
    QTest::newRow("short") << VT::Int16 << QByteArray();
    QTest::newRow("unsignedshort") << VT::UInt16 << QByteArray();
    QTest::newRow("signedint") << VT::Int32 << QByteArray();
    QTest::newRow("unsignedint") << VT::UInt32 << QByteArray();
    QTest::newRow("long") << VT::Int64 << QByteArray();
    QTest::newRow("timestamp") << VT::Timestamp << notInteger("timestamp");
    QTest::newRow("bool") << VT::Boolean << notInteger("bool");
    QTest::newRow("double") << VT::Double << notInteger("double");
    QTest::newRow("float") << VT::Float << notInteger("float");
    QTest::newRow("longstr") << VT::LongString << notInteger("longstr");
    QTest::newRow("binary") << VT::ByteArray << notInteger("binary");
    QTest::newRow("void") << VT::Void << notInteger("void");
    QTest::newRow("table") << VT::Table << notInteger("table");
}

void tst_QueuePolicy::integerWidths()
{
    QFETCH(VT, type);
    QFETCH(QByteArray, refusal);

    FieldValue seven;
    switch (type) {
    case VT::Boolean: seven = FieldValue::boolean(true); break;
    case VT::Float:
    case VT::Double: seven = FieldValue::floating(7, type); break;
    case VT::LongString:
    case VT::ByteArray: seven = FieldValue::string("7", type); break;
    case VT::Void: break;
    case VT::Table: seven = FieldValue::table(FieldTable{}); break;
    default: seven = FieldValue::integer(7, type); break;
    }

    // Every integer-valued argument applies the same type check.
    for (const char *key : {"x-expires", "x-message-ttl", "x-max-length", "x-max-length-bytes",
                            "x-max-in-memory-length", "x-max-in-memory-bytes", "x-max-priority",
                            "x-delivery-limit"}) {
        FieldTable args{{key, seven}};
        if (QByteArrayView(key) == "x-delivery-limit")
            args.append("x-queue-type", str("quorum"));   // classic queues refuse it
        const PolicyOrError parsed = parseQueuePolicy(args, true, false, false, kQueue);
        if (refusal.isEmpty()) {
            QVERIFY2(parsed.policy.has_value(), key);
        } else {
            QVERIFY2(!parsed.policy.has_value(), key);
            QCOMPARE(parsed.error.key, QByteArray(key));
            QCOMPARE(parsed.error.reason, refusal);
            QVERIFY(!parsed.error.plainText);
        }
    }
    if (refusal.isEmpty()) {
        const PolicyOrError parsed = parseQueuePolicy(FieldTable{{"x-message-ttl", seven}, {"x-max-priority", seven}},
                                                      false, false, false, kQueue);
        QCOMPARE(parsed.policy->messageTtl, std::optional<qint64>(7));
        QCOMPARE(parsed.policy->maxPriority, 7);
    }
}

void tst_QueuePolicy::refused_data()
{
    QTest::addColumn<FieldTable>("arguments");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<bool>("plainText");

    const auto row = [](const char *tag, FieldTable args, const char *key, QByteArray reason, bool plain = false) {
        QTest::newRow(tag) << args << QByteArray(key) << reason << plain;
    };
    row("x-expires string", {{"x-expires", str("1000")}}, "x-expires", notInteger("longstr"));
    row("x-expires 0", {{"x-expires", num(0)}}, "x-expires", "{value_zero,0}");
    row("x-expires 0 long", {{"x-expires", num(0, VT::Int64)}}, "x-expires", "{value_zero,0}");
    row("x-expires -1", {{"x-expires", num(-1)}}, "x-expires", "{value_negative,-1}");
    row("x-expires too large", {{"x-expires", num(kMaxTtl + 1, VT::Int64)}}, "x-expires",
        "{value_too_large,315360000001}");
    row("x-message-ttl -1", {{"x-message-ttl", num(-1)}}, "x-message-ttl", "{value_negative,-1}");
    row("x-message-ttl too large", {{"x-message-ttl", num(kMaxTtl + 1, VT::Int64)}}, "x-message-ttl",
        "{value_too_large,315360000001}");
    row("x-message-ttl string", {{"x-message-ttl", str("60000")}}, "x-message-ttl", notInteger("longstr"));
    row("dlx not a string", {{"x-dead-letter-exchange", num(1)}}, "x-dead-letter-exchange",
        "invalid type 'signedint' for arg 'x-dead-letter-exchange' in " + kQueue, true);
    row("dlx binary", {{"x-dead-letter-exchange", FieldValue::string("dlx", VT::ByteArray)}},
        "x-dead-letter-exchange", "invalid type 'binary' for arg 'x-dead-letter-exchange' in " + kQueue, true);
    row("dl routing key without dlx", {{"x-dead-letter-routing-key", str("k")}}, "x-dead-letter-routing-key",
        "routing_key_but_no_dlx_defined");
    row("dl routing key not a string", {{"x-dead-letter-exchange", str("dlx")}, {"x-dead-letter-routing-key", num(5)}},
        "x-dead-letter-routing-key", "{unacceptable_type,signedint}");
    row("x-max-length -1", {{"x-max-length", num(-1)}}, "x-max-length", "{value_negative,-1}");
    row("x-max-length string", {{"x-max-length", str("10")}}, "x-max-length", notInteger("longstr"));
    row("x-max-length-bytes -5", {{"x-max-length-bytes", num(-5, VT::Int8)}}, "x-max-length-bytes",
        "{value_negative,-5}");
    row("x-max-in-memory-length -1", {{"x-max-in-memory-length", num(-1)}}, "x-max-in-memory-length",
        "{value_negative,-1}");
    row("x-max-in-memory-bytes -1", {{"x-max-in-memory-bytes", num(-1)}}, "x-max-in-memory-bytes",
        "{value_negative,-1}");
    row("x-max-priority 256", {{"x-max-priority", num(256)}}, "x-max-priority", "{max_value_exceeded,256}");
    row("x-max-priority -1", {{"x-max-priority", num(-1)}}, "x-max-priority", "{value_negative,-1}");
    row("x-max-priority string", {{"x-max-priority", str("10")}}, "x-max-priority", notInteger("longstr"));
    row("x-overflow unknown", {{"x-overflow", str("drop-tail")}}, "x-overflow", "invalid_overflow");
    row("x-overflow case", {{"x-overflow", str("Drop-Head")}}, "x-overflow", "invalid_overflow");
    row("x-overflow not a string", {{"x-overflow", num(1)}}, "x-overflow", "{unacceptable_type,signedint}");
    row("x-queue-mode unknown", {{"x-queue-mode", str("fast")}}, "x-queue-mode",
        "\"unsupported queue mode 'fast'\"");
    row("sac as string", {{"x-single-active-consumer", str("true")}}, "x-single-active-consumer",
        "{unacceptable_type,longstr}");
    row("sac as integer", {{"x-single-active-consumer", num(1)}}, "x-single-active-consumer",
        "{unacceptable_type,signedint}");
    row("x-queue-type unknown", {{"x-queue-type", str("lazy")}}, "x-queue-type", "\"unsupported queue type 'lazy'\"");
    row("x-queue-type not a string", {{"x-queue-type", num(2)}}, "x-queue-type", "{unacceptable_type,signedint}");
    row("x-delivery-limit -1", {{"x-queue-type", str("quorum")}, {"x-delivery-limit", num(-1)}}, "x-delivery-limit",
        "{value_negative,-1}");
    row("x-delivery-limit on a classic queue", {{"x-delivery-limit", num(5)}}, "x-delivery-limit",
        "invalid arg 'x-delivery-limit' for " + kQueue + " of queue type rabbit_classic_queue", true);
    // rabbit_amqqueue:declare_args() order, not the table's: x-expires is checked first.
    row("first in RabbitMQ's order", {{"x-max-priority", num(300)}, {"x-message-ttl", num(-1)}, {"x-expires", num(0)}},
        "x-expires", "{value_zero,0}");
    row("ttl before length", {{"x-max-length", num(-2)}, {"x-message-ttl", num(-1)}}, "x-message-ttl",
        "{value_negative,-1}");
}

void tst_QueuePolicy::refused()
{
    QFETCH(FieldTable, arguments);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, reason);
    QFETCH(bool, plainText);

    const PolicyOrError parsed = parseQueuePolicy(arguments, true, false, false, kQueue);
    QVERIFY(!parsed.policy.has_value());
    QCOMPARE(parsed.error.key, key);
    QCOMPARE(parsed.error.reason, reason);
    QCOMPARE(parsed.error.plainText, plainText);
}

void tst_QueuePolicy::quorumRestrictions_data()
{
    QTest::addColumn<FieldTable>("extra");
    QTest::addColumn<bool>("durable");
    QTest::addColumn<bool>("exclusive");
    QTest::addColumn<bool>("autoDelete");
    QTest::addColumn<QByteArray>("key");      // of the refusal
    QTest::addColumn<QByteArray>("reason");   // empty: accepted

    const QByteArray type = " of queue type rabbit_quorum_queue";
    QTest::newRow("durable: fine") << FieldTable{} << true << false << false << QByteArray() << QByteArray();
    QTest::newRow("non-durable") << FieldTable{} << false << false << false << QByteArray()
                                 << "invalid property 'non-durable' for " + kQueue;
    QTest::newRow("exclusive") << FieldTable{} << true << true << false << QByteArray()
                               << "invalid property 'exclusive-owner' for " + kQueue;
    QTest::newRow("auto-delete") << FieldTable{} << true << false << true << QByteArray()
                                 << "invalid property 'auto-delete' for " + kQueue;
    QTest::newRow("x-max-priority") << FieldTable{{"x-max-priority", num(5)}} << true << false << false
                                    << QByteArray("x-max-priority")
                                    << "invalid arg 'x-max-priority' for " + kQueue + type;
    QTest::newRow("x-queue-mode") << FieldTable{{"x-queue-mode", str("lazy")}} << true << false << false
                                  << QByteArray("x-queue-mode") << "invalid arg 'x-queue-mode' for " + kQueue + type;
    QTest::newRow("x-queue-master-locator") << FieldTable{{"x-queue-master-locator", str("client-local")}} << true
                                            << false << false << QByteArray("x-queue-master-locator")
                                            << "invalid arg 'x-queue-master-locator' for " + kQueue + type;
    QTest::newRow("reject-publish-dlx: fine") << FieldTable{{"x-overflow", str("reject-publish-dlx")}} << true
                                              << false << false << QByteArray() << QByteArray();
    QTest::newRow("reject-publish: fine") << FieldTable{{"x-overflow", str("reject-publish")}} << true << false
                                          << false << QByteArray() << QByteArray();
    QTest::newRow("ttl, dlx, limits, sac: fine")
        << FieldTable{{"x-message-ttl", num(10)},
                      {"x-dead-letter-exchange", str("dlx")},
                      {"x-max-length", num(10)},
                      {"x-max-in-memory-length", num(3)},
                      {"x-single-active-consumer", FieldValue::boolean(true)}}
        << true << false << false << QByteArray() << QByteArray();
    QTest::newRow("delivery limit: fine") << FieldTable{{"x-delivery-limit", num(3)}} << true << false << false
                                          << QByteArray() << QByteArray();
    // Arguments first, then rabbit_quorum_queue:declare's auto-delete, exclusive, non-durable.
    QTest::newRow("exclusive non-durable") << FieldTable{} << false << true << false << QByteArray()
                                           << "invalid property 'exclusive-owner' for " + kQueue;
    QTest::newRow("auto-delete non-durable") << FieldTable{} << false << false << true << QByteArray()
                                             << "invalid property 'auto-delete' for " + kQueue;
    QTest::newRow("all three") << FieldTable{} << false << true << true << QByteArray()
                               << "invalid property 'auto-delete' for " + kQueue;
    QTest::newRow("argument before flags") << FieldTable{{"x-max-priority", num(5)}} << false << true << true
                                           << QByteArray("x-max-priority")
                                           << "invalid arg 'x-max-priority' for " + kQueue + type;
}

void tst_QueuePolicy::quorumRestrictions()
{
    QFETCH(FieldTable, extra);
    QFETCH(bool, durable);
    QFETCH(bool, exclusive);
    QFETCH(bool, autoDelete);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, reason);

    FieldTable quorum = extra;
    quorum.append("x-queue-type", str("quorum"));
    const PolicyOrError parsed = parseQueuePolicy(quorum, durable, exclusive, autoDelete, kQueue);
    if (reason.isEmpty()) {
        QVERIFY2(parsed.policy.has_value(), parsed.error.reason);
        QVERIFY(parsed.policy->type == QueueType::Quorum);
    } else {
        QCOMPARE(parsed.error.reason, reason);
        QVERIFY(!parsed.policy.has_value());
        QCOMPARE(parsed.error.key, key);
        QVERIFY(parsed.error.plainText);
    }

    // Classic queues take the same flags and arguments (but for x-delivery-limit).
    if (!extra.contains("x-delivery-limit")) {
        const PolicyOrError classic = parseQueuePolicy(extra, durable, exclusive, autoDelete, kQueue);
        QVERIFY2(classic.policy.has_value(), classic.error.reason);
        QVERIFY(classic.policy->type == QueueType::Classic);
    }
}

void tst_QueuePolicy::streamRefused()
{
    for (bool durable : {true, false}) {
        const PolicyOrError parsed = parseQueuePolicy(FieldTable{{"x-queue-type", str("stream")}}, durable, false,
                                                      false, kQueue);
        QVERIFY(!parsed.policy.has_value());
        QCOMPARE(parsed.error.key, QByteArray("x-queue-type"));
        QVERIFY(parsed.error.plainText);
        QCOMPARE(parsed.error.reason, QByteArray("stream queues are not supported by Warren; declare a classic or "
                                                 "quorum queue instead"));
    }
    // An invalid argument next to it is reported as such first.
    const PolicyOrError parsed = parseQueuePolicy(FieldTable{{"x-queue-type", str("stream")}, {"x-max-length", num(-1)}},
                                                  true, false, false, kQueue);
    QCOMPARE(parsed.error.key, QByteArray("x-max-length"));
    QCOMPARE(parsed.error.reason, QByteArray("{value_negative,-1}"));
}

void tst_QueuePolicy::parseExpiration_data()
{
    QTest::addColumn<QByteArray>("expiration");
    QTest::addColumn<qint64>("ttl");   // -1: refused
    QTest::addColumn<QByteArray>("error");

    QTest::newRow("100") << QByteArray("100") << qint64(100) << QByteArray();
    QTest::newRow("0") << QByteArray("0") << qint64(0) << QByteArray();
    QTest::newRow("leading zeros") << QByteArray("0060000") << qint64(60000) << QByteArray();
    QTest::newRow("plus sign") << QByteArray("+5") << qint64(5) << QByteArray();
    QTest::newRow("minus zero") << QByteArray("-0") << qint64(0) << QByteArray();
    QTest::newRow("32 bits") << QByteArray("4294967296") << qint64(4294967296LL) << QByteArray();
    QTest::newRow("max") << QByteArray("315360000000") << qint64(315360000000LL) << QByteArray();
    QTest::newRow("abc") << QByteArray("abc") << qint64(-1) << QByteArray("no_integer");
    QTest::newRow("empty") << QByteArray("") << qint64(-1) << QByteArray("no_integer");
    QTest::newRow("sign only") << QByteArray("-") << qint64(-1) << QByteArray("no_integer");
    QTest::newRow("leading space") << QByteArray(" 5") << qint64(-1) << QByteArray("no_integer");
    QTest::newRow("-1") << QByteArray("-1") << qint64(-1) << QByteArray("{value_negative,-1}");
    QTest::newRow("-1000") << QByteArray("-1000") << qint64(-1) << QByteArray("{value_negative,-1000}");
    QTest::newRow("10ms") << QByteArray("10ms") << qint64(-1) << QByteArray("{leftover_string,\"ms\"}");
    QTest::newRow("1.5") << QByteArray("1.5") << qint64(-1) << QByteArray("{leftover_string,\".5\"}");
    QTest::newRow("trailing space") << QByteArray("5 ") << qint64(-1) << QByteArray("{leftover_string,\" \"}");
    QTest::newRow("too large") << QByteArray("315360000001") << qint64(-1)
                               << QByteArray("{value_too_large,315360000001}");
    QTest::newRow("beyond 64 bits") << QByteArray("99999999999999999999") << qint64(-1)
                                    << QByteArray("{value_too_large,99999999999999999999}");
    QTest::newRow("negative beyond 64 bits") << QByteArray("-99999999999999999999") << qint64(-1)
                                             << QByteArray("{value_negative,-99999999999999999999}");
}

void tst_QueuePolicy::parseExpiration()
{
    QFETCH(QByteArray, expiration);
    QFETCH(qint64, ttl);
    QFETCH(QByteArray, error);

    const ExpirationOrError parsed = warren::model::parseExpiration(expiration);
    if (ttl >= 0) {
        QVERIFY2(parsed.ttl.has_value(), parsed.error);
        QCOMPARE(*parsed.ttl, ttl);
        QVERIFY(parsed.error.isEmpty());
    } else {
        QVERIFY(!parsed.ttl.has_value());
        QCOMPARE(parsed.error, error);
    }
}

QTEST_GUILESS_MAIN(tst_QueuePolicy)
#include "tst_queuepolicy.moc"
