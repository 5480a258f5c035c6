// Unit tests of sim::TextTemplate, the grammar of a simulated producer's routing keys and
// bodies:
// - literal text renders as itself, doubled braces as one brace;
// - {n}, {n%K}, {choice:a|b|c} (in turn by message number, empty options kept) and {uuid}
//   (a fresh UUID each time) render for message numbers from 1;
// - every error has its kind and the position of the offending character: an unclosed
//   brace (also one closed only after another opened), a stray closing brace, an unknown
//   placeholder, a modulus that is not a whole number >= 1, a choice without options.
#include "sim/TextTemplate.h"

#include <QUuid>
#include <QtTest>

using namespace warren::sim;

Q_DECLARE_METATYPE(TemplateError::Kind)

namespace {

QString rendered(const QString &text, quint64 n)
{
    const std::optional<TextTemplate> t = TextTemplate::parse(text);
    return t ? t->render(n) : QStringLiteral("<invalid>");
}

} // namespace

class TextTemplateTest : public QObject {
    Q_OBJECT
private slots:
    void renders_data();
    void renders();
    void choicesCycleByMessageNumber();
    void uuidIsFreshEachTime();
    void errors_data();
    void errors();
};

void TextTemplateTest::renders_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<quint64>("n");
    QTest::addColumn<QString>("expected");
    QTest::newRow("literal") << "hello" << quint64(7) << "hello";
    QTest::newRow("empty") << "" << quint64(1) << "";
    QTest::newRow("number") << "Hello World! {n}" << quint64(1) << "Hello World! 1";
    QTest::newRow("number twice") << "{n}.{n}" << quint64(42) << "42.42";
    QTest::newRow("modulo") << "task.{n%3}" << quint64(7) << "task.1";
    QTest::newRow("modulo wraps to 0") << "task.{n%3}" << quint64(3) << "task.0";
    QTest::newRow("modulo 1") << "{n%1}" << quint64(5) << "0";
    QTest::newRow("choice first") << "kern.{choice:info|warn|critical}" << quint64(1) << "kern.info";
    QTest::newRow("choice third") << "kern.{choice:info|warn|critical}" << quint64(3) << "kern.critical";
    QTest::newRow("choice wraps") << "kern.{choice:info|warn|critical}" << quint64(4) << "kern.info";
    QTest::newRow("empty option") << "a{choice:|.b}" << quint64(1) << "a";
    QTest::newRow("doubled braces") << "{{n}} is {n}" << quint64(2) << "{n} is 2";
    QTest::newRow("unicode") << "消息 {n}" << quint64(3) << "消息 3";
}

void TextTemplateTest::renders()
{
    QFETCH(QString, text);
    QFETCH(quint64, n);
    QFETCH(QString, expected);
    QCOMPARE(rendered(text, n), expected);
}

void TextTemplateTest::choicesCycleByMessageNumber()
{
    const std::optional<TextTemplate> t = TextTemplate::parse(QStringLiteral("{choice:a|b|c}"));
    QVERIFY(t);
    QStringList seen;
    for (quint64 n = 1; n <= 7; ++n)
        seen << t->render(n);
    QCOMPARE(seen.join(u','), QStringLiteral("a,b,c,a,b,c,a"));
}

void TextTemplateTest::uuidIsFreshEachTime()
{
    const std::optional<TextTemplate> t = TextTemplate::parse(QStringLiteral("id-{uuid}"));
    QVERIFY(t);
    const QString first = t->render(1);
    const QString second = t->render(1);
    QVERIFY(first.startsWith(QLatin1String("id-")));
    QVERIFY(!QUuid::fromString(first.mid(3)).isNull());
    QVERIFY(!QUuid::fromString(second.mid(3)).isNull());
    QVERIFY(first != second);
}

void TextTemplateTest::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<TemplateError::Kind>("kind");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("placeholder");
    using K = TemplateError::Kind;
    QTest::newRow("unclosed") << "task.{n" << K::UnclosedBrace << 5 << "";
    QTest::newRow("unclosed before another") << "{n{n}" << K::UnclosedBrace << 0 << "";
    QTest::newRow("unclosed after literal brace") << "{{x {n" << K::UnclosedBrace << 4 << "";
    QTest::newRow("stray closing") << "a}b" << K::StrayClosingBrace << 1 << "";
    QTest::newRow("stray after placeholder") << "{choice:a}b}" << K::StrayClosingBrace << 11 << "";
    QTest::newRow("unknown") << "key.{id}" << K::UnknownPlaceholder << 4 << "id";
    QTest::newRow("empty placeholder") << "{}" << K::UnknownPlaceholder << 0 << "";
    QTest::newRow("spaces are not allowed") << "{ n }" << K::UnknownPlaceholder << 0 << " n ";
    QTest::newRow("modulus 0") << "x{n%0}" << K::BadModulus << 1 << "n%0";
    QTest::newRow("modulus missing") << "{n%}" << K::BadModulus << 0 << "n%";
    QTest::newRow("modulus negative") << "{n%-3}" << K::BadModulus << 0 << "n%-3";
    QTest::newRow("modulus with a sign") << "{n%+3}" << K::BadModulus << 0 << "n%+3";
    QTest::newRow("modulus not a number") << "{n%three}" << K::BadModulus << 0 << "n%three";
    QTest::newRow("no choices") << "k.{choice:}" << K::NoChoices << 2 << "choice:";
}

void TextTemplateTest::errors()
{
    QFETCH(QString, text);
    QFETCH(TemplateError::Kind, kind);
    QFETCH(int, position);
    QFETCH(QString, placeholder);
    TemplateError error;
    QVERIFY(!TextTemplate::parse(text, &error));
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.position, position);
    QCOMPARE(error.placeholder, placeholder);
}

QTEST_GUILESS_MAIN(TextTemplateTest)
#include "tst_texttemplate.moc"
