// Unit tests of model::matchTopicPattern: one topic binding key against one routing key,
// with the steps a route explanation shows.
//
// Concerns:
//  - hand cases with their expected steps: '#' taking several words, one, or none; the
//    failure where the key ends, where the pattern ends, where a word differs; the empty
//    key; empty words ("a..b"); the cases the bind dialog's deleted restatement of the rules
//    was tested with ("a.*", "a.#", "#", "#.error", "*.#.*", "*" against "")
//  - randomized (fixed seeds): matched equals a tiny recursive reference matcher written
//    here, over patterns of words, '*', '#' and empty words; a match names every pattern
//    word once, in order, with the key words it took, which put together give the key; a
//    failure ends with exactly one failed step, after steps that held

#include "model/TopicPattern.h"

#include <QRandomGenerator>
#include <QtTest/QTest>

#include <functional>

using namespace warren::model;

namespace {

// "pattern=key words" per step, a failed step marked '!': "a=a #=b.c !d=".
QByteArray describe(const TopicPatternMatch &m)
{
    QByteArrayList parts;
    for (const auto &s : m.steps)
        parts.append((s.ok ? "" : "!") + s.patternWord + '=' + s.keyWords);
    return parts.join(' ');
}

// As RabbitMQ splits keys: the empty key has no words; "a..b" has an empty middle one.
QByteArrayList words(const QByteArray &key)
{
    return key.isEmpty() ? QByteArrayList() : key.split('.');
}

// The reference: '*' takes one word, '#' any number, anything else one equal word.
bool referenceMatch(const QByteArrayList &p, qsizetype i, const QByteArrayList &k, qsizetype j)
{
    if (i == p.size())
        return j == k.size();
    if (p[i] == "#")
        return referenceMatch(p, i + 1, k, j) || (j < k.size() && referenceMatch(p, i, k, j + 1));
    return j < k.size() && (p[i] == "*" || p[i] == k[j]) && referenceMatch(p, i + 1, k, j + 1);
}

QByteArray randomKey(QRandomGenerator &rng, const QByteArrayList &alphabet, int maxWords)
{
    const int n = int(rng.bounded(maxWords + 1));
    QByteArrayList out;
    for (int i = 0; i < n; ++i)
        out.append(alphabet[rng.bounded(int(alphabet.size()))]);
    return out.join('.');
}

} // namespace

class TopicPatternTest : public QObject {
    Q_OBJECT
private slots:
    void handCases_data();
    void handCases();
    void randomAgainstReference();
};

void TopicPatternTest::handCases_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("matched");
    QTest::addColumn<QByteArray>("steps");

    // The cases of the bind dialog's old preview, now asked of the broker's own matcher.
    QTest::newRow("a.* / a.b") << "a.*"_qba << "a.b"_qba << true << "a=a *=b"_qba;
    QTest::newRow("a.* / b.c: word differs") << "a.*"_qba << "b.c"_qba << false << "!a=b"_qba;
    QTest::newRow("a.* / a: key ends") << "a.*"_qba << "a"_qba << false << "a=a !*="_qba;
    QTest::newRow("a.* / a.b.c: pattern ends") << "a.*"_qba << "a.b.c"_qba << false << "a=a *=b !=c"_qba;
    QTest::newRow("a.# / a: # takes no word") << "a.#"_qba << "a"_qba << true << "a=a #="_qba;
    QTest::newRow("# / empty key") << "#"_qba << ""_qba << true << "#="_qba;
    QTest::newRow("#.error / disk.io.error: # takes two") << "#.error"_qba << "disk.io.error"_qba << true
                                                           << "#=disk.io error=error"_qba;
    QTest::newRow("*.#.* / a.b") << "*.#.*"_qba << "a.b"_qba << true << "*=a #= *=b"_qba;
    QTest::newRow("*.#.* / a") << "*.#.*"_qba << "a"_qba << false << "*=a #= !*="_qba;
    QTest::newRow("a..b / a..b: empty word") << "a..b"_qba << "a..b"_qba << true << "a=a = b=b"_qba;
    QTest::newRow("* / empty key") << "*"_qba << ""_qba << false << "!*="_qba;

    // More: '#' in the middle, failures after a '#', the empty pattern, words that differ later.
    QTest::newRow("a.#.z / a.b.c.z") << "a.#.z"_qba << "a.b.c.z"_qba << true << "a=a #=b.c z=z"_qba;
    QTest::newRow("a.#.z / a.z") << "a.#.z"_qba << "a.z"_qba << true << "a=a #= z=z"_qba;
    QTest::newRow("#.a / b.c: # takes all, then the key ends") << "#.a"_qba << "b.c"_qba << false << "#=b.c !a="_qba;
    QTest::newRow("a.b.c / a.x.c: second word differs") << "a.b.c"_qba << "a.x.c"_qba << false << "a=a !b=x"_qba;
    QTest::newRow("empty pattern / empty key") << ""_qba << ""_qba << true << ""_qba;
    QTest::newRow("empty pattern / a: pattern ends at once") << ""_qba << "a"_qba << false << "!=a"_qba;
    QTest::newRow("a / empty key") << "a"_qba << ""_qba << false << "!a="_qba;
    QTest::newRow("a..b / a.b: the empty word is missing") << "a..b"_qba << "a.b"_qba << false << "a=a !=b"_qba;
    QTest::newRow("* / .: one empty word is not two") << "*"_qba << "."_qba << false << "*= !="_qba;
    QTest::newRow("*.* / .: two empty words") << "*.*"_qba << "."_qba << true << "*= *="_qba;
    QTest::newRow("# / a.b.c") << "#"_qba << "a.b.c"_qba << true << "#=a.b.c"_qba;
}

void TopicPatternTest::handCases()
{
    QFETCH(QByteArray, pattern);
    QFETCH(QByteArray, key);
    QFETCH(bool, matched);
    QFETCH(QByteArray, steps);
    const TopicPatternMatch m = matchTopicPattern(pattern, key);
    QCOMPARE(m.matched, matched);
    QCOMPARE(describe(m), steps);
}

void TopicPatternTest::randomAgainstReference()
{
    const QByteArrayList keyWords{"a", "b", "c", ""};
    const QByteArrayList patternWords{"a", "b", "*", "#", "#", ""};
    int matches = 0;
    for (quint32 seed : {1u, 2u, 3u}) {
        QRandomGenerator rng(seed);
        for (int n = 0; n < 2000; ++n) {
            const QByteArray pattern = randomKey(rng, patternWords, 5);
            const QByteArray key = randomKey(rng, keyWords, 5);
            const TopicPatternMatch m = matchTopicPattern(pattern, key);
            const QByteArray what = "seed " + QByteArray::number(seed) + ": '" + pattern + "' / '" + key + "': "
                + describe(m);
            const QByteArrayList p = words(pattern), k = words(key);
            QVERIFY2(m.matched == referenceMatch(p, 0, k, 0), what.constData());
            if (m.matched) {
                ++matches;
                // Every pattern word in order; the words each took, put together, are the key.
                QCOMPARE(m.steps.size(), p.size());
                QByteArrayList taken;
                for (qsizetype i = 0; i < p.size(); ++i) {
                    const auto &s = m.steps[i];
                    QVERIFY2(s.ok, what.constData());
                    QCOMPARE(s.patternWord, p[i]);
                    if (p[i] == "#")
                        taken += words(s.keyWords);
                    else
                        taken.append(s.keyWords);
                }
                // Joined words are ambiguous only when the key has empty ones.
                if (!k.contains(QByteArray()))
                    QVERIFY2(taken == k, what.constData());
            } else {
                QVERIFY2(!m.steps.isEmpty() && !m.steps.last().ok, what.constData());
                for (qsizetype i = 0; i + 1 < m.steps.size(); ++i)
                    QVERIFY2(m.steps[i].ok, what.constData());
            }
        }
    }
    QVERIFY(matches > 500);   // the alphabet is small enough for both answers to be common
}

QTEST_GUILESS_MAIN(TopicPatternTest)
#include "tst_topicpattern.moc"
