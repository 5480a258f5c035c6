// Server-generated names (server/NameGenerator.h): server-named queues, consumer tags and
// direct reply-to addresses.
// - RabbitMQ's format: the prefix, then 22 characters of url-safe base64 without padding,
//   which decode to 16 bytes ("amq.gen-" names are 30 characters, as RabbitMQ's);
// - unpredictable: no repeats over many names; each of the 128 bits is set in about half of
//   them and consecutive names differ in about half their bits (a counter, a clock or a
//   weak mix would not); a forked process does not repeat the parent's names, as a
//   generator whose state fork copies would.
#include "server/NameGenerator.h"

#include <QSet>
#include <QtTest>

#include <bit>

#include <sys/wait.h>
#include <unistd.h>

using warren::server::generateName;

namespace {

// The 16 random bytes behind a name.
QByteArray randomPartOf(const QByteArray &name, qsizetype prefixLength)
{
    return QByteArray::fromBase64(name.sliced(prefixLength),
                                  QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
}

int differingBits(const QByteArray &a, const QByteArray &b)
{
    int bits = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        bits += std::popcount(std::uint8_t(a[i] ^ b[i]));
    return bits;
}

// Names made by a child process, read back through a pipe.
QList<QByteArray> namesOfAChild(int count)
{
    int fds[2];
    if (pipe(fds) != 0)
        return {};
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        QByteArray out;
        for (int i = 0; i < count; ++i)
            out += generateName("amq.gen-") + '\n';
        const bool written = write(fds[1], out.constData(), size_t(out.size())) == out.size();
        _exit(written ? 0 : 1);
    }
    close(fds[1]);
    QByteArray in;
    char buffer[4096];
    for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;)
        in.append(buffer, n);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return in.split('\n').mid(0, count);
}

} // namespace

class NameGeneratorTest : public QObject {
    Q_OBJECT
private slots:
    void rabbitMQFormat_data();
    void rabbitMQFormat();
    void noRepeats();
    void bitsAreBalanced();
    void aForkedProcessMakesOtherNames();
};

void NameGeneratorTest::rabbitMQFormat_data()
{
    QTest::addColumn<QByteArray>("prefix");
    QTest::newRow("server-named queue") << QByteArray("amq.gen-");
    QTest::newRow("consumer tag") << QByteArray("amq.ctag-");
    QTest::newRow("reply-to suffix") << QByteArray();
}

void NameGeneratorTest::rabbitMQFormat()
{
    QFETCH(QByteArray, prefix);
    static const QRegularExpression urlSafe(QStringLiteral("^[A-Za-z0-9_-]{22}$"));
    for (int i = 0; i < 100; ++i) {
        const QByteArray name = generateName(prefix.constData());
        QVERIFY(name.startsWith(prefix));
        QCOMPARE(name.size(), prefix.size() + 22);
        QVERIFY2(urlSafe.match(QString::fromLatin1(name.sliced(prefix.size()))).hasMatch(), name.constData());
        QCOMPARE(randomPartOf(name, prefix.size()).size(), 16);
    }
}

void NameGeneratorTest::noRepeats()
{
    QSet<QByteArray> seen;
    for (int i = 0; i < 20000; ++i)
        seen.insert(generateName("amq.gen-"));
    QCOMPARE(seen.size(), 20000);
}

void NameGeneratorTest::bitsAreBalanced()
{
    // 4000 names: each bit is set 2000 times give or take 32 (one standard deviation); the
    // bounds are 8 deviations wide, so chance never fails this, but any structure does.
    constexpr int names = 4000;
    int setCount[128] = {};
    QByteArray previous;
    qint64 differing = 0;
    for (int i = 0; i < names; ++i) {
        const QByteArray bytes = randomPartOf(generateName(""), 0);
        for (int bit = 0; bit < 128; ++bit)
            setCount[bit] += (std::uint8_t(bytes[bit / 8]) >> (bit % 8)) & 1;
        if (!previous.isEmpty())
            differing += differingBits(previous, bytes);
        previous = bytes;
    }
    for (int bit = 0; bit < 128; ++bit)
        QVERIFY2(qAbs(setCount[bit] - names / 2) < 250, qPrintable(QStringLiteral("bit %1 set %2 times").arg(bit).arg(setCount[bit])));
    const double meanDiffering = double(differing) / (names - 1);
    QVERIFY2(qAbs(meanDiffering - 64) < 2, qPrintable(QString::number(meanDiffering)));
}

void NameGeneratorTest::aForkedProcessMakesOtherNames()
{
    (void)generateName("amq.gen-");   // whatever a generator might set up, before the fork
    const QList<QByteArray> child = namesOfAChild(8);
    QCOMPARE(child.size(), 8);
    QList<QByteArray> parent;
    for (int i = 0; i < 8; ++i)
        parent.append(generateName("amq.gen-"));
    for (const QByteArray &name : child) {
        QCOMPARE(name.size(), 30);
        QVERIFY2(!parent.contains(name), name.constData());
    }
}

QTEST_GUILESS_MAIN(NameGeneratorTest)
#include "tst_namegenerator.moc"
