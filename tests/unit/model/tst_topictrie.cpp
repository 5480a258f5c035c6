// Unit tests of model::TopicTrie (topic exchange matching), with RabbitMQ's semantics.
//
// Concerns:
//  - splitWords(): the empty key has no words; empty words from leading, trailing and
//    doubled dots are words
//  - a table of tricky binding/routing key pairs: '*' is exactly one word, '#' zero or more;
//    "" vs "." vs "a."; "a..b"; "#.#", "a.#.b", "#.a.#", "*.*", "*.#.*"; binding "" matches
//    only ""; '*' and '#' in a routing key are plain words; case matters
//  - several bindings at once: every matching destination once, each destination once even
//    when several of its bindings match
//  - add/remove: duplicates are counted (remove one, the other still matches), removing
//    leaves other keys (prefixes, extensions, siblings) intact, removing what is not there
//    is harmless, and the trie keeps working after it was emptied (pruning)
//  - patterns with many '#' against long keys finish quickly (no exponential walk)
//  - randomized: random bindings (with removals) and routing keys over a small alphabet,
//    compared with a straightforward recursive matcher written here

#include "model/Queue.h"
#include "model/TopicTrie.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QtTest/QTest>

#include <memory>
#include <set>

using namespace warren::model;

namespace {

// Queues only as distinct destinations; the trie never touches them.
class Destinations {
public:
    Destination operator[](int i)
    {
        while (int(queues_.size()) <= i)
            queues_.push_back(std::make_unique<Queue>(queues_.size() + 1, "q" + QByteArray::number(qsizetype(queues_.size())), QueueOptions{}));
        return Destination{queues_[size_t(i)].get(), nullptr};
    }
    int indexOf(const Queue *q) const
    {
        for (size_t i = 0; i < queues_.size(); ++i)
            if (queues_[i].get() == q)
                return int(i);
        return -1;
    }

private:
    std::vector<std::unique_ptr<Queue>> queues_;
};

// The matched destinations as sorted indexes (RouteSet holds each at most once).
QList<int> matchIndexes(const TopicTrie &trie, Destinations &dests, const QByteArray &key)
{
    RouteSet out;
    trie.match(key, out);
    QList<int> ids;
    for (const Destination &d : out.queues())
        ids.append(dests.indexOf(d.queue));
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<QByteArray> words(const QByteArray &key)
{
    if (key.isEmpty())
        return {};
    return key.split('.');
}

// The reference: a direct transcription of the rules.
bool refMatch(const QList<QByteArray> &b, qsizetype i, const QList<QByteArray> &r, qsizetype j)
{
    if (i == b.size())
        return j == r.size();
    if (b[i] == "#") {
        for (qsizetype k = j; k <= r.size(); ++k)
            if (refMatch(b, i + 1, r, k))
                return true;
        return false;
    }
    if (j == r.size())
        return false;
    return (b[i] == "*" || b[i] == r[j]) && refMatch(b, i + 1, r, j + 1);
}

bool refMatch(const QByteArray &binding, const QByteArray &routingKey)
{
    return refMatch(words(binding), 0, words(routingKey), 0);
}

} // namespace

class tst_TopicTrie : public QObject {
    Q_OBJECT

private slots:
    void splitWords_data();
    void splitWords();
    void singleBinding_data();
    void singleBinding();
    void manyBindings();
    void duplicates();
    void removeKeepsOthers_data();
    void removeKeepsOthers();
    void removeAbsent();
    void emptiedTrieStillWorks();
    void manyHashesAreFast();
    void randomizedAgainstReference();
};

void tst_TopicTrie::splitWords_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArrayList>("expected");

    QTest::newRow("empty") << QByteArray("") << QByteArrayList{};
    QTest::newRow("one word") << QByteArray("a") << QByteArrayList{"a"};
    QTest::newRow("three words") << QByteArray("a.bc.d") << QByteArrayList{"a", "bc", "d"};
    QTest::newRow("single dot") << QByteArray(".") << QByteArrayList{"", ""};
    QTest::newRow("empty middle") << QByteArray("a..b") << QByteArrayList{"a", "", "b"};
    QTest::newRow("leading dot") << QByteArray(".a") << QByteArrayList{"", "a"};
    QTest::newRow("trailing dot") << QByteArray("a.") << QByteArrayList{"a", ""};
    QTest::newRow("dots around") << QByteArray(".a.") << QByteArrayList{"", "a", ""};
    QTest::newRow("wildcards") << QByteArray("*.#") << QByteArrayList{"*", "#"};
}

void tst_TopicTrie::splitWords()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArrayList, expected);
    QByteArrayList got;
    for (QByteArrayView w : TopicTrie::splitWords(key))
        got.append(w.toByteArray());
    QCOMPARE(got, expected);
}

void tst_TopicTrie::singleBinding_data()
{
    QTest::addColumn<QByteArray>("binding");
    QTest::addColumn<QByteArray>("routingKey");
    QTest::addColumn<bool>("matches");

    struct Row { const char *binding; const char *key; bool match; };
    const Row rows[] = {
        {"a.b.c", "a.b.c", true},   {"a.b.c", "a.b", false},     {"a.b.c", "a.b.c.d", false},
        {"a.b.c", "A.b.c", false},  {"a", "a", true},            {"a", "", false},
        // '*': exactly one word, possibly empty
        {"*", "a", true},           {"*", "", false},            {"*", "a.b", false},
        {"*", ".", false},          {"a.*", "a.b", true},        {"a.*", "a", false},
        {"a.*", "a.", true},        {"a.*", "a.b.c", false},     {"*.a", ".a", true},
        {"*.*", "a.b", true},       {"*.*", "a", false},         {"*.*", "a.b.c", false},
        {"*.*", ".", true},         {"*.*", "", false},          {"a.*.b", "a..b", true},
        {"a.*.b", "a.b", false},
        // '#': zero or more words
        {"#", "", true},            {"#", "a", true},            {"#", "a.b.c", true},
        {"#", ".", true},           {"a.#", "a", true},          {"a.#", "a.b", true},
        {"a.#", "a.b.c", true},     {"a.#", "b", false},         {"a.#", "", false},
        {"a.#", "b.a", false},      {"#.a", "a", true},          {"#.a", "b.a", true},
        {"#.a", "x.y.a", true},     {"#.a", "a.b", false},       {"#.a", ".a", true},
        {"#.a", "", false},
        {"a.#.b", "a.b", true},     {"a.#.b", "a.x.b", true},    {"a.#.b", "a.x.y.b", true},
        {"a.#.b", "a", false},      {"a.#.b", "a.b.c", false},   {"a.#.b", "b", false},
        {"a.#.b", "a.b.b", true},   {"a.#.b", "a.b.x", false},
        {"#.a.#", "a", true},       {"#.a.#", "x.a.y", true},    {"#.a.#", "x.y", false},
        {"#.a.#", "a.a", true},     {"#.a.#", "", false},        {"#.a.#", "b.b.b.a", true},
        {"#.#", "", true},          {"#.#", "a", true},          {"#.#", "a.b.c", true},
        {"a.#.#.b", "a.b", true},   {"a.#.#.b", "a.x.y.z.b", true},
        {"#.b.#.d", "a.b.c.d", true}, {"#.b.#.d", "b.d", true},  {"#.b.#.d", "a.b.c", false},
        {"#.b.#.d", "d.b", false},
        // '*' and '#' together
        {"*.#", "", false},         {"*.#", "a", true},          {"*.#", "a.b", true},
        {"#.*", "", false},         {"#.*", "a", true},          {"#.*", "a.b.c", true},
        {"#.*.#", "", false},       {"#.*.#", "a", true},        {"*.#.*", "a", false},
        {"*.#.*", "a.b", true},     {"*.#.*", "a.b.c", true},    {"a.*.#", "a", false},
        {"a.*.#", "a.b", true},     {"#.*.*", "a", false},       {"#.*.*", "a.b", true},
        // the empty binding key and empty words
        {"", "", true},             {"", "a", false},            {"", ".", false},
        {".", ".", true},           {".", "", false},            {".", "a", false},
        {"a..b", "a..b", true},     {"a..b", "a.b", false},      {"a..b", "a.x.b", false},
        {".a", ".a", true},         {".a", "a", false},          {"a.", "a.", true},
        {"a.", "a", false},
        // wildcards in a routing key are ordinary words
        {"a", "#", false},          {"a", "*", false},           {"#", "#", true},
        {"*", "*", true},           {"a.b", "a.*", false},       {"a.*", "a.*", true},
        {"a.#", "a.#", true},       {"a.b", "a.#", false},
    };
    for (const Row &r : rows) {
        const QByteArray name = "'" + QByteArray(r.binding) + "' vs '" + r.key + "'";
        QTest::newRow(name.constData()) << QByteArray(r.binding) << QByteArray(r.key) << r.match;
    }
}

void tst_TopicTrie::singleBinding()
{
    QFETCH(QByteArray, binding);
    QFETCH(QByteArray, routingKey);
    QFETCH(bool, matches);

    // The table itself agrees with the reference matcher used by the randomized test.
    QCOMPARE(refMatch(binding, routingKey), matches);

    Destinations d;
    TopicTrie trie;
    trie.add(binding, d[0]);
    QCOMPARE(matchIndexes(trie, d, routingKey), matches ? QList<int>{0} : QList<int>{});

    trie.remove(binding, d[0]);
    QCOMPARE(matchIndexes(trie, d, routingKey), QList<int>{});
}

void tst_TopicTrie::manyBindings()
{
    Destinations d;
    TopicTrie trie;
    trie.add("stock.nyse.ibm", d[0]);
    trie.add("stock.*.ibm", d[1]);
    trie.add("stock.#", d[2]);
    trie.add("#", d[3]);
    trie.add("*.nyse.*", d[4]);
    trie.add("stock.nyse", d[5]);
    // Queue 6 bound by three keys that all match: still reached once.
    trie.add("stock.nyse.ibm", d[6]);
    trie.add("#.ibm", d[6]);
    trie.add("stock.#.ibm", d[6]);

    QCOMPARE(matchIndexes(trie, d, "stock.nyse.ibm"), (QList<int>{0, 1, 2, 3, 4, 6}));
    QCOMPARE(matchIndexes(trie, d, "stock.lse.ibm"), (QList<int>{1, 2, 3, 6}));
    QCOMPARE(matchIndexes(trie, d, "stock.nyse"), (QList<int>{2, 3, 5}));
    QCOMPARE(matchIndexes(trie, d, "stock"), (QList<int>{2, 3}));
    QCOMPARE(matchIndexes(trie, d, "bond.nyse.ibm"), (QList<int>{3, 4, 6}));
    QCOMPARE(matchIndexes(trie, d, ""), (QList<int>{3}));

    RouteSet out;
    trie.match("stock.nyse.ibm", out);
    QCOMPARE(out.queues().size(), 6);
    QVERIFY(out.exchanges().isEmpty());
}

void tst_TopicTrie::duplicates()
{
    Destinations d;
    TopicTrie trie;
    trie.add("a.*", d[0]);
    trie.add("a.*", d[0]);   // e.g. the same queue bound twice with different arguments
    trie.add("a.*", d[1]);
    QCOMPARE(matchIndexes(trie, d, "a.x"), (QList<int>{0, 1}));

    trie.remove("a.*", d[0]);
    QCOMPARE(matchIndexes(trie, d, "a.x"), (QList<int>{0, 1}));
    trie.remove("a.*", d[0]);
    QCOMPARE(matchIndexes(trie, d, "a.x"), (QList<int>{1}));
    trie.remove("a.*", d[0]);   // one too many
    QCOMPARE(matchIndexes(trie, d, "a.x"), (QList<int>{1}));
    trie.remove("a.*", d[1]);
    QCOMPARE(matchIndexes(trie, d, "a.x"), QList<int>{});
}

void tst_TopicTrie::removeKeepsOthers_data()
{
    QTest::addColumn<QByteArray>("removed");

    // Every key of the fixture below, removed in turn.
    for (const char *k : {"a", "a.b", "a.b.c", "a.*", "a.#", "#", "*.b", "", "a.b.c.d", "b.#.c", "#.c"})
        QTest::newRow(k[0] ? k : "(empty)") << QByteArray(k);
}

void tst_TopicTrie::removeKeepsOthers()
{
    QFETCH(QByteArray, removed);

    const QByteArrayList keys{"a", "a.b", "a.b.c", "a.*", "a.#", "#", "*.b", "", "a.b.c.d", "b.#.c", "#.c"};
    const QByteArrayList probes{"", "a", "b", "a.b", "a.c", "b.b", "a.b.c", "a.b.c.d", "b.c", "b.x.c", "x.c", "a.b.x"};

    Destinations d;
    TopicTrie trie;
    for (int i = 0; i < keys.size(); ++i)
        trie.add(keys[i], d[i]);
    trie.remove(removed, d[int(keys.indexOf(removed))]);

    for (const QByteArray &probe : probes) {
        QList<int> expected;
        for (int i = 0; i < keys.size(); ++i) {
            if (keys[i] != removed && refMatch(keys[i], probe))
                expected.append(i);
        }
        QCOMPARE(matchIndexes(trie, d, probe), expected);
    }

    // And the removed key can come back.
    trie.add(removed, d[int(keys.indexOf(removed))]);
    for (const QByteArray &probe : probes) {
        QList<int> expected;
        for (int i = 0; i < keys.size(); ++i) {
            if (refMatch(keys[i], probe))
                expected.append(i);
        }
        QCOMPARE(matchIndexes(trie, d, probe), expected);
    }
}

void tst_TopicTrie::removeAbsent()
{
    Destinations d;
    TopicTrie trie;
    trie.add("a.b.c", d[0]);
    trie.add("a.b", d[1]);

    trie.remove("a", d[0]);          // an inner node without destinations
    trie.remove("a.b.c.d", d[0]);    // deeper than anything stored
    trie.remove("x.y", d[0]);        // no such path
    trie.remove("a.b.c", d[1]);      // right key, other destination
    trie.remove("", d[0]);           // the root
    trie.remove("#", d[0]);

    QCOMPARE(matchIndexes(trie, d, "a.b.c"), QList<int>{0});
    QCOMPARE(matchIndexes(trie, d, "a.b"), QList<int>{1});
    QCOMPARE(matchIndexes(trie, d, "a"), QList<int>{});
}

void tst_TopicTrie::emptiedTrieStillWorks()
{
    Destinations d;
    TopicTrie trie;
    const QByteArrayList keys{"a.b.c", "a.#", "#", "*.*", "a", ""};
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < keys.size(); ++i)
            trie.add(keys[i], d[i]);
        QCOMPARE(matchIndexes(trie, d, "a.b.c"), (QList<int>{0, 1, 2}));
        QCOMPARE(matchIndexes(trie, d, "a"), (QList<int>{1, 2, 4}));
        // Remove deepest-first in one round, shallowest-first in the next.
        for (int i = 0; i < keys.size(); ++i) {
            const int k = round % 2 ? int(keys.size()) - 1 - i : i;
            trie.remove(keys[k], d[k]);
        }
        for (const QByteArray &probe : {QByteArray("a.b.c"), QByteArray("a"), QByteArray(""), QByteArray("x.y")})
            QCOMPARE(matchIndexes(trie, d, probe), QList<int>{});
    }
}

void tst_TopicTrie::manyHashesAreFast()
{
    // A naive backtracking walk tries C(60, 20) ways here.
    QByteArray binding;
    for (int i = 0; i < 20; ++i)
        binding += "#.";
    binding += "end";
    QByteArray key;
    for (int i = 0; i < 40; ++i)
        key += "w" + QByteArray::number(i) + ".";
    const QByteArray missing = key + "nope";
    const QByteArray hit = key + "end";

    Destinations d;
    TopicTrie trie;
    trie.add(binding, d[0]);
    trie.add("#.*.#.*.#.*.#.x", d[1]);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(matchIndexes(trie, d, missing), QList<int>{});
    QCOMPARE(matchIndexes(trie, d, hit), QList<int>{0});
    QVERIFY2(timer.elapsed() < 10000, "topic matching took too long");
}

void tst_TopicTrie::randomizedAgainstReference()
{
    const quint32 seed = QRandomGenerator::global()->generate();
    QRandomGenerator rng(seed);
    const QByteArrayList bindingWords{"a", "b", "c", "", "*", "#", "#", "*"};
    const QByteArrayList keyWords{"a", "b", "c", "", "a", "b", "*", "#"};

    auto randomKey = [&](const QByteArrayList &alphabet, int maxWords) {
        const int n = int(rng.bounded(maxWords + 1));
        QByteArrayList ws;
        for (int i = 0; i < n; ++i)
            ws.append(alphabet[int(rng.bounded(int(alphabet.size())))]);
        return ws.join('.');
    };

    for (int round = 0; round < 40; ++round) {
        Destinations d;
        TopicTrie trie;
        QList<QByteArray> bound;   // index = destination; empty entry = removed
        QList<bool> live;
        for (int i = 0; i < 30; ++i) {
            bound.append(randomKey(bindingWords, 5));
            live.append(true);
            trie.add(bound.last(), d[i]);
        }
        // Some destinations get a second binding on the same key (a duplicate entry).
        for (int i = 0; i < 30; i += 7)
            trie.add(bound[i], d[i]);
        for (int i = 0; i < 30; ++i) {
            if (rng.bounded(3) == 0) {
                trie.remove(bound[i], d[i]);
                if (i % 7 == 0)
                    trie.remove(bound[i], d[i]);
                live[i] = false;
            }
        }
        for (int probe = 0; probe < 200; ++probe) {
            const QByteArray key = randomKey(keyWords, 6);
            QList<int> expected;
            for (int i = 0; i < bound.size(); ++i) {
                if (live[i] && refMatch(bound[i], key))
                    expected.append(i);
            }
            const QList<int> got = matchIndexes(trie, d, key);
            if (got != expected) {
                QByteArrayList failing;
                for (int i = 0; i < bound.size(); ++i) {
                    if (live[i] && (expected.contains(i) != got.contains(i)))
                        failing.append("'" + bound[i] + "'");
                }
                QFAIL(qPrintable(QStringLiteral("seed %1, routing key '%2': mismatching bindings %3")
                                     .arg(seed)
                                     .arg(QString::fromUtf8(key))
                                     .arg(QString::fromUtf8(failing.join(", ")))));
            }
        }
    }
}

QTEST_GUILESS_MAIN(tst_TopicTrie)
#include "tst_topictrie.moc"
