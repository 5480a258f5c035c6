// Unit tests of server::ConfirmTracker (publisher confirms of one channel).
//
// Concerns:
//  - publish() numbers messages 1, 2, 3, ...
//  - a run of acks collapses into one basic.ack with multiple=true on its last tag; a run of
//    nacks likewise; a single resolution is sent with multiple=false
//  - a nack in the middle splits the runs; alternating outcomes give one frame each
//  - a pending entry blocks everything resolved after it until it is resolved itself;
//    out-of-order resolution; draining twice sends nothing new; hasResolved()
//  - a randomized run checking that every sequence number is confirmed exactly once with
//    its own outcome, tags grow, and no two frames of one drain could have been merged

#include "server/ConfirmTracker.h"

#include <QRandomGenerator>
#include <QtTest/QTest>

#include <map>

using warren::server::ConfirmTracker;
using Outcome = ConfirmTracker::Outcome;

namespace {

// "A3*" = basic.ack tag 3 multiple, "N2" = basic.nack tag 2 single.
QByteArray frameText(std::uint64_t tag, bool multiple, bool ack)
{
    return (ack ? "A" : "N") + QByteArray::number(tag) + (multiple ? "*" : "");
}

QByteArrayList drainAll(ConfirmTracker &t)
{
    QByteArrayList frames;
    t.drain([&](std::uint64_t tag, bool multiple, bool ack) { frames.append(frameText(tag, multiple, ack)); });
    return frames;
}

} // namespace

class tst_ConfirmTracker : public QObject {
    Q_OBJECT

private slots:
    void publishNumbers();
    void script_data();
    void script();
    void randomized();
};

void tst_ConfirmTracker::publishNumbers()
{
    ConfirmTracker t;
    QVERIFY(!t.hasResolved());
    QCOMPARE(t.publish(), std::uint64_t(1));
    QCOMPARE(t.publish(), std::uint64_t(2));
    QVERIFY(!t.hasResolved());
    QVERIFY(drainAll(t).isEmpty());
    t.resolve(1, Outcome::Ack);
    t.resolve(2, Outcome::Ack);
    QCOMPARE(drainAll(t), QByteArrayList{"A2*"});
    // Numbering goes on after a drain.
    QCOMPARE(t.publish(), std::uint64_t(3));
    QCOMPARE(t.publish(), std::uint64_t(4));
}

// A script: "p3" publishes three, "a2"/"n2" resolves seq 2 as ack/nack, "d" drains (its
// frames are appended to the output), "h"/"!h" checks hasResolved().
void tst_ConfirmTracker::script_data()
{
    QTest::addColumn<QByteArray>("steps");
    QTest::addColumn<QByteArrayList>("frames");

    QTest::newRow("single ack") << QByteArray("p1 a1 d") << QByteArrayList{"A1"};
    QTest::newRow("single nack") << QByteArray("p1 n1 d") << QByteArrayList{"N1"};
    QTest::newRow("run of acks") << QByteArray("p3 a1 a2 a3 d") << QByteArrayList{"A3*"};
    QTest::newRow("run of nacks") << QByteArray("p2 n1 n2 d") << QByteArrayList{"N2*"};
    QTest::newRow("nack splits") << QByteArray("p5 a1 a2 n3 a4 a5 d") << QByteArrayList{"A2*", "N3", "A5*"};
    QTest::newRow("nacks in the middle") << QByteArray("p6 a1 n2 n3 n4 a5 a6 d") << QByteArrayList{"A1", "N4*", "A6*"};
    QTest::newRow("alternating") << QByteArray("p4 a1 n2 a3 n4 d") << QByteArrayList{"A1", "N2", "A3", "N4"};
    QTest::newRow("drain each") << QByteArray("p3 a1 d a2 d a3 d") << QByteArrayList{"A1", "A2", "A3"};
    QTest::newRow("pending head blocks all") << QByteArray("p4 a2 a3 a4 !h d") << QByteArrayList{};
    QTest::newRow("pending head, then resolved") << QByteArray("p4 a2 a3 a4 d a1 h d") << QByteArrayList{"A4*"};
    QTest::newRow("pending in the middle")
        << QByteArray("p3 a1 a3 h d !h a2 h d") << QByteArrayList{"A1", "A3*"};
    QTest::newRow("pending between nacks")
        << QByteArray("p4 n1 n2 a4 d a3 d") << QByteArrayList{"N2*", "A4*"};
    QTest::newRow("reverse resolution") << QByteArray("p3 a3 a2 a1 d") << QByteArrayList{"A3*"};
    QTest::newRow("drain twice") << QByteArray("p2 a1 a2 d d") << QByteArrayList{"A2*"};
    QTest::newRow("nothing published") << QByteArray("!h d !h") << QByteArrayList{};
    QTest::newRow("publish between drains")
        << QByteArray("p2 a1 a2 d p2 n3 a4 d p1 a5 d") << QByteArrayList{"A2*", "N3", "A4", "A5"};
    QTest::newRow("stop at pending after runs")
        << QByteArray("p6 a1 a2 n3 a5 a6 d a4 d") << QByteArrayList{"A2*", "N3", "A6*"};
}

void tst_ConfirmTracker::script()
{
    QFETCH(QByteArray, steps);
    QFETCH(QByteArrayList, frames);

    ConfirmTracker t;
    QByteArrayList got;
    for (const QByteArray &step : steps.split(' ')) {
        const char op = step.at(0);
        if (op == 'p') {
            for (int i = step.mid(1).toInt(); i > 0; --i)
                t.publish();
        } else if (op == 'a' || op == 'n') {
            t.resolve(step.mid(1).toULongLong(), op == 'a' ? Outcome::Ack : Outcome::Nack);
        } else if (op == 'd') {
            got += drainAll(t);
        } else if (step == "h") {
            QVERIFY2(t.hasResolved(), step.constData());
        } else if (step == "!h") {
            QVERIFY2(!t.hasResolved(), step.constData());
        } else {
            QFAIL(("bad step " + step).constData());
        }
    }
    QCOMPARE(got, frames);
}

void tst_ConfirmTracker::randomized()
{
    const quint32 seed = QRandomGenerator::global()->generate();
    QRandomGenerator rng(seed);
    const QByteArray info = "seed " + QByteArray::number(seed);

    for (int round = 0; round < 100; ++round) {
        ConfirmTracker t;
        std::uint64_t published = 0;
        std::map<std::uint64_t, Outcome> pending;   // published, not yet resolved
        std::map<std::uint64_t, Outcome> resolved;  // resolved, not yet confirmed
        std::uint64_t confirmedUpTo = 0;

        auto drain = [&] {
            bool first = true;
            bool lastAck = false;
            t.drain([&](std::uint64_t tag, bool multiple, bool ack) {
                QVERIFY2(tag > confirmedUpTo, info.constData());
                // Two consecutive frames of one drain never share an outcome.
                QVERIFY2(first || ack != lastAck, info.constData());
                QVERIFY2(multiple == (tag - confirmedUpTo > 1), info.constData());
                for (std::uint64_t s = confirmedUpTo + 1; s <= tag; ++s) {
                    auto it = resolved.find(s);
                    QVERIFY2(it != resolved.end(), info.constData());
                    QVERIFY2((it->second == Outcome::Ack) == ack, info.constData());
                    resolved.erase(it);
                }
                confirmedUpTo = tag;
                first = false;
                lastAck = ack;
            });
            // What is left starts with a pending entry (or nothing).
            if (!resolved.empty())
                QVERIFY2(!pending.empty() && pending.begin()->first < resolved.begin()->first, info.constData());
            QVERIFY2(t.hasResolved() == false, info.constData());
        };

        for (int op = 0; op < 100; ++op) {
            const int kind = rng.bounded(10);
            if (kind < 4) {
                const std::uint64_t seq = t.publish();
                QVERIFY2(seq == ++published, info.constData());
                pending[seq] = Outcome::Pending;
            } else if (kind < 8 && !pending.empty()) {
                auto it = std::next(pending.begin(), rng.bounded(int(pending.size())));
                const Outcome o = rng.bounded(4) == 0 ? Outcome::Nack : Outcome::Ack;
                t.resolve(it->first, o);
                resolved[it->first] = o;
                pending.erase(it);
            } else {
                drain();
                if (QTest::currentTestFailed())
                    return;
            }
        }
        for (auto &[seq, _] : pending) {
            t.resolve(seq, Outcome::Ack);
            resolved[seq] = Outcome::Ack;
        }
        pending.clear();
        drain();
        QVERIFY2(resolved.empty(), info.constData());
        QVERIFY2(confirmedUpTo == published, info.constData());
    }
}

QTEST_GUILESS_MAIN(tst_ConfirmTracker)
#include "tst_confirmtracker.moc"
