// Unit tests of server::UnackedDeliveries, a channel's ledger of deliveries awaiting ack.
//
// Concerns:
//  - single acks in order and out of order (holes in the middle, trimmed later)
//  - multiple up to a tag takes every outstanding delivery up to it, skipping ones already
//    settled out of order; multiple with tag 0 takes everything (also when empty)
//  - unknown tag (never issued, between issued tags, beyond the last, 0 without multiple)
//    and already-settled tag return false and remove nothing, single or multiple
//  - takeAll() returns what is outstanding in tag order and empties the ledger
//  - size()/isEmpty() bookkeeping, and the delivery's fields survive the round trip
//  - a randomized run against a std::map model

#include "server/UnackedDeliveries.h"

#include <QRandomGenerator>
#include <QtTest/QTest>

#include <map>

using namespace warren::server;
using warren::model::Message;
using warren::model::MessageRef;
using warren::model::QueueEntry;

namespace {

UnackedDelivery delivery(std::uint64_t tag)
{
    MessageRef m(new Message);
    m->body = "body-" + QByteArray::number(tag);
    return UnackedDelivery{tag, tag * 10, std::uint32_t(tag % 3), QueueEntry::of(m, tag + 100), false};
}

UnackedDeliveries ledgerWith(std::initializer_list<std::uint64_t> tags)
{
    UnackedDeliveries u;
    for (std::uint64_t t : tags)
        u.add(delivery(t));
    return u;
}

QList<quint64> tagsOf(const std::vector<UnackedDelivery> &ds)
{
    QList<quint64> out;
    for (const UnackedDelivery &d : ds)
        out.append(d.tag);
    return out;
}

} // namespace

class tst_UnackedDeliveries : public QObject {
    Q_OBJECT

private slots:
    void empty();
    void scenarios_data();
    void scenarios();
    void failedTakeRemovesNothing_data();
    void failedTakeRemovesNothing();
    void multipleZeroTakesAll();
    void takeAllInTagOrder();
    void fieldsSurvive();
    void randomAgainstModel();
};

void tst_UnackedDeliveries::empty()
{
    UnackedDeliveries u;
    QVERIFY(u.isEmpty());
    QCOMPARE(u.size(), 0);
    std::vector<UnackedDelivery> out;
    QVERIFY(!u.take(1, false, out));
    QVERIFY(!u.take(1, true, out));
    QVERIFY(!u.take(0, false, out));
    QVERIFY(u.take(0, true, out));   // "everything" of nothing is fine
    QVERIFY(out.empty());
    QVERIFY(u.takeAll().empty());
}

void tst_UnackedDeliveries::scenarios_data()
{
    QTest::addColumn<QList<quint64>>("tags");
    QTest::addColumn<QList<quint64>>("takeTags");
    QTest::addColumn<QList<bool>>("takeMultiple");
    // Per step, the tags taken, or "x" when take() returned false.
    QTest::addColumn<QByteArrayList>("expected");
    QTest::addColumn<QList<quint64>>("remaining");   // by takeAll() at the end

    QTest::newRow("in order singles")
        << QList<quint64>{1, 2, 3} << QList<quint64>{1, 2, 3} << QList<bool>{false, false, false}
        << QByteArrayList{"1", "2", "3"} << QList<quint64>{};
    QTest::newRow("out of order singles")
        << QList<quint64>{1, 2, 3, 4} << QList<quint64>{3, 1, 4} << QList<bool>{false, false, false}
        << QByteArrayList{"3", "1", "4"} << QList<quint64>{2};
    QTest::newRow("reverse singles")
        << QList<quint64>{1, 2, 3, 4} << QList<quint64>{4, 3, 2, 1} << QList<bool>{false, false, false, false}
        << QByteArrayList{"4", "3", "2", "1"} << QList<quint64>{};
    QTest::newRow("multiple up to a tag")
        << QList<quint64>{1, 2, 3, 4, 5} << QList<quint64>{3} << QList<bool>{true}
        << QByteArrayList{"1 2 3"} << QList<quint64>{4, 5};
    QTest::newRow("multiple skips settled holes")
        << QList<quint64>{1, 2, 3, 4, 5, 6} << QList<quint64>{2, 4, 5} << QList<bool>{false, false, true}
        << QByteArrayList{"2", "4", "1 3 5"} << QList<quint64>{6};
    QTest::newRow("multiple on the first tag")
        << QList<quint64>{1, 2, 3} << QList<quint64>{1} << QList<bool>{true}
        << QByteArrayList{"1"} << QList<quint64>{2, 3};
    QTest::newRow("multiple twice")
        << QList<quint64>{1, 2, 3, 4, 5} << QList<quint64>{2, 5} << QList<bool>{true, true}
        << QByteArrayList{"1 2", "3 4 5"} << QList<quint64>{};
    QTest::newRow("gapped tags")
        << QList<quint64>{2, 5, 9, 10} << QList<quint64>{5, 3, 9, 10} << QList<bool>{false, true, true, false}
        << QByteArrayList{"5", "x", "2 9", "10"} << QList<quint64>{};
    QTest::newRow("already settled single")
        << QList<quint64>{1, 2, 3} << QList<quint64>{2, 2, 1, 1} << QList<bool>{false, false, false, false}
        << QByteArrayList{"2", "x", "1", "x"} << QList<quint64>{3};
    QTest::newRow("already settled as multiple target")
        << QList<quint64>{1, 2, 3, 4} << QList<quint64>{3, 3, 4} << QList<bool>{false, true, true}
        << QByteArrayList{"3", "x", "1 2 4"} << QList<quint64>{};
    QTest::newRow("settled by an earlier multiple")
        << QList<quint64>{1, 2, 3, 4} << QList<quint64>{3, 2, 1} << QList<bool>{true, false, true}
        << QByteArrayList{"1 2 3", "x", "x"} << QList<quint64>{4};
    QTest::newRow("tag 0 single is unknown")
        << QList<quint64>{1, 2} << QList<quint64>{0} << QList<bool>{false}
        << QByteArrayList{"x"} << QList<quint64>{1, 2};
    QTest::newRow("tag 0 multiple after holes")
        << QList<quint64>{1, 2, 3, 4} << QList<quint64>{2, 0} << QList<bool>{false, true}
        << QByteArrayList{"2", "1 3 4"} << QList<quint64>{};
    QTest::newRow("beyond the last")
        << QList<quint64>{1, 2} << QList<quint64>{3, 7} << QList<bool>{false, true}
        << QByteArrayList{"x", "x"} << QList<quint64>{1, 2};
}

void tst_UnackedDeliveries::scenarios()
{
    QFETCH(QList<quint64>, tags);
    QFETCH(QList<quint64>, takeTags);
    QFETCH(QList<bool>, takeMultiple);
    QFETCH(QByteArrayList, expected);
    QFETCH(QList<quint64>, remaining);
    QCOMPARE(takeTags.size(), takeMultiple.size());
    QCOMPARE(takeTags.size(), expected.size());

    UnackedDeliveries u;
    for (quint64 t : tags)
        u.add(delivery(t));
    QCOMPARE(u.size(), tags.size());

    qsizetype live = tags.size();
    for (qsizetype i = 0; i < takeTags.size(); ++i) {
        std::vector<UnackedDelivery> out;
        const bool ok = u.take(takeTags[i], takeMultiple[i], out);
        QByteArray got;
        if (!ok) {
            QVERIFY2(out.empty(), "a failed take must not hand anything out");
            got = "x";
        } else {
            QByteArrayList parts;
            for (quint64 t : tagsOf(out))
                parts.append(QByteArray::number(t));
            got = parts.join(' ');
            live -= qsizetype(out.size());
        }
        QCOMPARE(got, expected[i]);
        QCOMPARE(u.size(), live);
        QCOMPARE(u.isEmpty(), live == 0);
    }
    QCOMPARE(tagsOf(u.takeAll()), remaining);
    QVERIFY(u.isEmpty());
    QCOMPARE(u.size(), 0);
}

void tst_UnackedDeliveries::failedTakeRemovesNothing_data()
{
    QTest::addColumn<quint64>("tag");
    QTest::addColumn<bool>("multiple");

    QTest::newRow("between tags") << quint64(4) << false;
    QTest::newRow("between tags, multiple") << quint64(4) << true;
    QTest::newRow("below the first") << quint64(1) << false;
    QTest::newRow("below the first, multiple") << quint64(1) << true;
    QTest::newRow("above the last") << quint64(11) << false;
    QTest::newRow("above the last, multiple") << quint64(99) << true;
    QTest::newRow("settled hole") << quint64(6) << false;
    QTest::newRow("settled hole, multiple") << quint64(6) << true;
    QTest::newRow("zero, single") << quint64(0) << false;
}

void tst_UnackedDeliveries::failedTakeRemovesNothing()
{
    QFETCH(quint64, tag);
    QFETCH(bool, multiple);

    UnackedDeliveries u = ledgerWith({2, 3, 6, 8, 10});
    std::vector<UnackedDelivery> out;
    QVERIFY(u.take(6, false, out));   // leaves a settled hole at 6
    out.clear();

    QVERIFY(!u.take(tag, multiple, out));
    QVERIFY(out.empty());
    QCOMPARE(u.size(), 4);
    QCOMPARE(tagsOf(u.takeAll()), (QList<quint64>{2, 3, 8, 10}));
}

void tst_UnackedDeliveries::multipleZeroTakesAll()
{
    UnackedDeliveries u = ledgerWith({1, 2, 3, 4, 5});
    std::vector<UnackedDelivery> out;
    QVERIFY(u.take(3, false, out));
    out.clear();
    QVERIFY(u.take(0, true, out));
    QCOMPARE(tagsOf(out), (QList<quint64>{1, 2, 4, 5}));
    QVERIFY(u.isEmpty());

    // Appends to what `out` already holds.
    u.add(delivery(6));
    QVERIFY(u.take(0, true, out));
    QCOMPARE(tagsOf(out), (QList<quint64>{1, 2, 4, 5, 6}));
    QVERIFY(u.take(0, true, out));   // nothing left: still true
    QCOMPARE(out.size(), size_t(5));
}

void tst_UnackedDeliveries::takeAllInTagOrder()
{
    UnackedDeliveries u = ledgerWith({1, 2, 3, 4, 5, 6});
    std::vector<UnackedDelivery> out;
    QVERIFY(u.take(5, false, out));
    QVERIFY(u.take(2, false, out));
    QCOMPARE(u.size(), 4);
    QCOMPARE(tagsOf(u.takeAll()), (QList<quint64>{1, 3, 4, 6}));
    QCOMPARE(u.size(), 0);
    QVERIFY(u.takeAll().empty());
    // Taken tags are gone for good.
    QVERIFY(!u.take(3, false, out));
    // The ledger is usable afterwards with later tags.
    u.add(delivery(7));
    u.add(delivery(8));
    QCOMPARE(u.size(), 2);
    out.clear();
    QVERIFY(u.take(8, false, out));
    QCOMPARE(tagsOf(out), (QList<quint64>{8}));
    QCOMPARE(tagsOf(u.takeAll()), (QList<quint64>{7}));
}

void tst_UnackedDeliveries::fieldsSurvive()
{
    UnackedDeliveries u = ledgerWith({1, 2, 3, 4});
    std::vector<UnackedDelivery> out;
    QVERIFY(u.take(3, false, out));
    QVERIFY(u.take(2, true, out));
    std::vector<UnackedDelivery> rest = u.takeAll();
    for (const UnackedDelivery &d : rest)
        out.push_back(d);
    QCOMPARE(tagsOf(out), (QList<quint64>{3, 1, 2, 4}));
    for (const UnackedDelivery &d : out) {
        QCOMPARE(d.queueId, d.tag * 10);
        QCOMPARE(d.consumerId, std::uint32_t(d.tag % 3));
        QVERIFY(d.entry.message);
        QCOMPARE(d.entry.message->body, "body-" + QByteArray::number(d.tag));
        QCOMPARE(d.entry.seq, d.tag + 100);
    }
}

void tst_UnackedDeliveries::randomAgainstModel()
{
    const quint32 seed = QRandomGenerator::global()->generate();
    QRandomGenerator rng(seed);
    const QByteArray seedInfo = "seed " + QByteArray::number(seed);

    for (int round = 0; round < 50; ++round) {
        UnackedDeliveries u;
        std::map<std::uint64_t, bool> model;   // outstanding tags
        std::uint64_t nextTag = 1;
        for (int op = 0; op < 200; ++op) {
            const int kind = rng.bounded(10);
            if (kind < 4) {
                nextTag += rng.bounded(3);   // tags may skip (basic.get noAck, noAck consumers)
                u.add(delivery(nextTag));
                model[nextTag] = true;
                ++nextTag;
                continue;
            }
            if (kind == 9) {
                QList<quint64> expected;
                for (const auto &[t, _] : model)
                    expected.append(t);
                QVERIFY2(tagsOf(u.takeAll()) == expected, seedInfo.constData());
                model.clear();
                continue;
            }
            const bool multiple = rng.bounded(2) == 1;
            const std::uint64_t tag = rng.bounded(10) == 0 ? 0 : rng.bounded(quint64(nextTag + 2));
            std::vector<UnackedDelivery> out;
            const bool ok = u.take(tag, multiple, out);

            QList<quint64> expected;
            bool expectedOk;
            if (multiple && tag == 0) {
                expectedOk = true;
                for (const auto &[t, _] : model)
                    expected.append(t);
                model.clear();
            } else if (model.count(tag) == 0) {
                expectedOk = false;
            } else {
                expectedOk = true;
                auto first = multiple ? model.begin() : model.find(tag);
                auto last = std::next(model.find(tag));
                for (auto it = first; it != last; ++it)
                    expected.append(it->first);
                model.erase(first, last);
            }
            QVERIFY2(ok == expectedOk, seedInfo.constData());
            QVERIFY2(tagsOf(out) == expected, seedInfo.constData());
            QVERIFY2(u.size() == qsizetype(model.size()), seedInfo.constData());
        }
    }
}

QTEST_GUILESS_MAIN(tst_UnackedDeliveries)
#include "tst_unackeddeliveries.moc"
