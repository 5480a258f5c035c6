// Unit tests of model::firstMismatch: which declaration arguments RabbitMQ compares when a
// queue or an exchange is declared again, and how a difference is worded.
//
// Concerns:
//  - exchanges compare alternate-exchange only: equal, different ('b' vs 'a'), present on
//    one side only ("none" vs "the value 'a' of type 'longstr'"), longstr vs binary; every
//    other argument (queue arguments included) may differ freely
//  - queues do not compare alternate-exchange; they compare their x- arguments in
//    RabbitMQ's order (the first difference is reported), integers of different widths by
//    value, an absent x-queue-type as 'classic' (though a difference still reads "none"),
//    unknown arguments are ignored
//  - the default kind is Queue

#include "model/QueueArguments.h"

#include <QtTest/QTest>

using namespace warren::model;
using warren::amqp::FieldTable;
using warren::amqp::FieldValue;
using VT = FieldValue::Type;

Q_DECLARE_METATYPE(warren::amqp::FieldTable)
Q_DECLARE_METATYPE(warren::model::ArgumentsOf)

namespace {

FieldValue str(const char *s) { return FieldValue::string(s); }
FieldValue num(qint64 v, VT t = VT::Int32) { return FieldValue::integer(v, t); }

// "key: received | current", or "-" when nothing differs.
QByteArray text(const std::optional<ArgumentMismatch> &m)
{
    return m ? m->key + ": " + m->received + " | " + m->current : QByteArray("-");
}

} // namespace

class tst_QueueArguments : public QObject {
    Q_OBJECT

private slots:
    void firstMismatch_data();
    void firstMismatch();
    void defaultKindIsQueue();
};

void tst_QueueArguments::firstMismatch_data()
{
    QTest::addColumn<ArgumentsOf>("kind");
    QTest::addColumn<FieldTable>("current");
    QTest::addColumn<FieldTable>("received");
    QTest::addColumn<QByteArray>("expected");

    const auto X = ArgumentsOf::Exchange;
    const auto Q = ArgumentsOf::Queue;
    const FieldTable aeA{{"alternate-exchange", str("a")}};
    const FieldTable aeB{{"alternate-exchange", str("b")}};

    QTest::newRow("exchange: none") << X << FieldTable{} << FieldTable{} << QByteArray("-");
    QTest::newRow("exchange: same AE") << X << aeA << aeA << QByteArray("-");
    QTest::newRow("exchange: other AE") << X << aeA << aeB << QByteArray("alternate-exchange: 'b' | 'a'");
    QTest::newRow("exchange: AE added") << X << FieldTable{} << aeB
                                        << QByteArray("alternate-exchange: the value 'b' of type 'longstr' | none");
    QTest::newRow("exchange: AE dropped") << X << aeA << FieldTable{}
                                          << QByteArray("alternate-exchange: none | the value 'a' of type 'longstr'");
    QTest::newRow("exchange: AE as binary") << X << aeA
                                            << FieldTable{{"alternate-exchange", FieldValue::string("a", VT::ByteArray)}}
                                            << QByteArray("alternate-exchange: 'a' | 'a'");
    QTest::newRow("exchange: other arguments ignored")
        << X << FieldTable{{"alternate-exchange", str("a")}, {"x-foo", num(1)}, {"x-message-ttl", num(10)}}
        << FieldTable{{"x-foo", num(2)}, {"x-expires", num(5)}, {"x-queue-type", str("quorum")},
                      {"alternate-exchange", str("a")}}
        << QByteArray("-");
    QTest::newRow("exchange: queue arguments only") << X << FieldTable{{"x-max-length", num(1)}}
                                                    << FieldTable{{"x-max-length", num(2)}} << QByteArray("-");

    QTest::newRow("queue: AE ignored") << Q << aeA << aeB << QByteArray("-");
    QTest::newRow("queue: ttl differs") << Q << FieldTable{{"x-message-ttl", num(100)}}
                                        << FieldTable{{"x-message-ttl", num(200)}}
                                        << QByteArray("x-message-ttl: '200' | '100'");
    QTest::newRow("queue: widths compare by value") << Q << FieldTable{{"x-message-ttl", num(100, VT::Int8)}}
                                                    << FieldTable{{"x-message-ttl", num(100, VT::Int64)}}
                                                    << QByteArray("-");
    QTest::newRow("queue: first in RabbitMQ's order")
        << Q << FieldTable{{"x-max-length", num(1)}, {"x-expires", num(1000)}}
        << FieldTable{{"x-max-length", num(2)}, {"x-expires", num(2000)}} << QByteArray("x-expires: '2000' | '1000'");
    QTest::newRow("queue: argument added") << Q << FieldTable{} << FieldTable{{"x-max-length", num(10)}}
                                           << QByteArray("x-max-length: the value '10' of type 'signedint' | none");
    QTest::newRow("queue: absent type is classic") << Q << FieldTable{} << FieldTable{{"x-queue-type", str("classic")}}
                                                   << QByteArray("-");
    QTest::newRow("queue: classic vs quorum") << Q << FieldTable{} << FieldTable{{"x-queue-type", str("quorum")}}
                                              << QByteArray("x-queue-type: the value 'quorum' of type 'longstr' | none");
    QTest::newRow("queue: quorum vs classic") << Q << FieldTable{{"x-queue-type", str("quorum")}}
                                              << FieldTable{{"x-queue-type", str("classic")}}
                                              << QByteArray("x-queue-type: 'classic' | 'quorum'");
    QTest::newRow("queue: unknown ignored") << Q << FieldTable{{"x-foo", num(1)}} << FieldTable{{"x-foo", num(2)}}
                                            << QByteArray("-");
}

void tst_QueueArguments::firstMismatch()
{
    QFETCH(ArgumentsOf, kind);
    QFETCH(FieldTable, current);
    QFETCH(FieldTable, received);
    QFETCH(QByteArray, expected);
    QCOMPARE(text(warren::model::firstMismatch(current, received, kind)), expected);
}

void tst_QueueArguments::defaultKindIsQueue()
{
    const FieldTable a{{"alternate-exchange", str("a")}, {"x-max-length", num(1)}};
    const FieldTable b{{"alternate-exchange", str("b")}, {"x-max-length", num(2)}};
    QCOMPARE(text(warren::model::firstMismatch(a, b)), QByteArray("x-max-length: '2' | '1'"));
    QCOMPARE(text(warren::model::firstMismatch(a, b, ArgumentsOf::Exchange)),
             QByteArray("alternate-exchange: 'b' | 'a'"));
}

QTEST_GUILESS_MAIN(tst_QueueArguments)
#include "tst_queuearguments.moc"
