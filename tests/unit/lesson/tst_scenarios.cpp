// Unit tests of the shipped lessons and of ScenarioReader:
// - every file in resources/scenarios reads and validates against the schema, its name is
//   its file's name, names and (chapter, order) places are unique, every text has both
//   languages (the schema requires it; checked here on the values too);
// - the catalog's order: the seed tutorial first, in its order;
// - the reader refuses, with the place: JSON that is not JSON, a schema violation (a missing
//   translation, an unknown expectation), a second client of the same name, an action or an
//   expectation naming a client that does not exist or has the wrong role, a lesson that
//   restarts the broker without saying so;
// - find(): a shipped lesson by name, an unknown name listing the lessons there are;
// - deviations: each change made where its pointer says (and nothing else), the deviated
//   lesson checked like any other; refused: a change of a value the file lacks, an expectation
//   to break that does not exist, an unknown deviation, a change that breaks the schema.
#include "lesson/LessonCatalog.h"
#include "lesson/ScenarioReader.h"
#include "lesson/StepFocus.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QtTest/QTest>

using namespace warren::lesson;

namespace {

QJsonObject minimalLesson()
{
    return QJsonDocument::fromJson(R"({
        "name": "tiny", "chapter": "beyond", "order": 1, "queueType": "classic",
        "title": {"en": "Tiny", "zh_CN": "小"}, "goal": {"en": "Goal", "zh_CN": "目标"},
        "clients": [{"name": "c", "role": "consumer", "queue": {"name": "q"}, "ack": "manual"},
                    {"name": "p", "role": "producer", "routingKey": "q"}],
        "steps": [{"say": {"en": "Say", "zh_CN": "说"},
                   "do": [{"action": "start", "client": "c"}],
                   "expect": [{"expect": "received", "client": "c", "count": 0,
                               "why": {"en": "why", "zh_CN": "为什么"}}]}]
    })").object();
}

QStringList problemsOf(const QJsonObject &lesson)
{
    QStringList errors;
    const bool read = ScenarioReader::read(QJsonDocument(lesson).toJson(), &errors).has_value();
    return read ? QStringList{QStringLiteral("(read)")} + errors : errors;
}

// minimalLesson() offering one deviation: the consumer acknowledges automatically.
QJsonObject lessonWithDeviation(const QString &path, const QJsonValue &value, const QString &breaks)
{
    QJsonObject o = minimalLesson();
    o[QStringLiteral("deviations")] = QJsonArray{QJsonObject{
        {QStringLiteral("name"), QStringLiteral("auto-ack")},
        {QStringLiteral("label"), QJsonObject{{QStringLiteral("en"), QStringLiteral("auto")}, {QStringLiteral("zh_CN"), QStringLiteral("自动")}}},
        {QStringLiteral("change"), QJsonArray{QJsonObject{{QStringLiteral("path"), path}, {QStringLiteral("value"), value}}}},
        {QStringLiteral("breaks"), breaks}}};
    return o;
}

void checkTexts(const LocalizedText &t, const QString &where)
{
    QVERIFY2(!t.en.isEmpty() && !t.zh.isEmpty(), qPrintable(where));
}

} // namespace

class ScenariosTest : public QObject {
    Q_OBJECT
private slots:
    void shippedLessonsRead();
    void catalogOrder();
    void refusals_data();
    void refusals();
    void minimalReads();
    void findByName();
    void deviationApplied();
    void deviationRefusals_data();
    void deviationRefusals();
    void shippedDeviationsRead();
    void stepFocus();
};

void ScenariosTest::shippedLessonsRead()
{
    QStringList errors;
    const QList<Scenario> lessons = LessonCatalog::all(&errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    const QStringList files = QDir(QStringLiteral(":/scenarios")).entryList({QStringLiteral("*.json")});
    QCOMPARE(lessons.size(), files.size() - 1);   // all but the schema
    QSet<QString> names;
    QSet<std::pair<int, int>> places;
    for (const Scenario &s : lessons) {
        QVERIFY2(files.contains(s.name + QStringLiteral(".json")), qPrintable(s.name));
        QVERIFY(!names.contains(s.name));
        names.insert(s.name);
        QVERIFY2(!places.contains({int(s.chapter), s.order}), qPrintable(s.name));
        places.insert({int(s.chapter), s.order});
        checkTexts(s.title, s.name);
        checkTexts(s.goal, s.name);
        for (const Step &step : s.steps) {
            checkTexts(step.say, s.name);
            for (const Expectation &e : step.expectations)
                checkTexts(e.why, s.name);
        }
    }
}

void ScenariosTest::catalogOrder()
{
    const QList<Scenario> lessons = LessonCatalog::all();
    QVERIFY(lessons.size() >= 3);
    QCOMPARE(lessons.first().name, QStringLiteral("concepts"));
    QCOMPARE(lessons.value(1).name, QStringLiteral("hello-world"));
    for (int i = 1; i < lessons.size(); ++i)
        QVERIFY(std::pair(int(lessons[i - 1].chapter), lessons[i - 1].order)
                < std::pair(int(lessons[i].chapter), lessons[i].order));
}

void ScenariosTest::refusals_data()
{
    QTest::addColumn<QJsonObject>("lesson");
    QTest::addColumn<QString>("problem");
    QJsonObject o = minimalLesson();
    o[QStringLiteral("title")] = QJsonObject{{QStringLiteral("en"), QStringLiteral("Only English")}};
    QTest::newRow("missing translation") << o << QStringLiteral("/title: missing required property 'zh_CN'");

    o = minimalLesson();
    QJsonObject step = o[QStringLiteral("steps")][0].toObject();
    step[QStringLiteral("expect")] = QJsonArray{QJsonObject{{QStringLiteral("expect"), QStringLiteral("magic")}}};
    o[QStringLiteral("steps")] = QJsonArray{step};
    QTest::newRow("unknown expectation") << o << QStringLiteral("/steps/0/expect/0");

    o = minimalLesson();
    QJsonArray clients = o[QStringLiteral("clients")].toArray();
    clients.append(clients[0]);
    o[QStringLiteral("clients")] = clients;
    QTest::newRow("two clients of one name") << o << QStringLiteral("/clients/2: a second client named 'c'");

    o = minimalLesson();
    step = o[QStringLiteral("steps")][0].toObject();
    step[QStringLiteral("do")] = QJsonArray{QJsonObject{{QStringLiteral("action"), QStringLiteral("start")},
                                                        {QStringLiteral("client"), QStringLiteral("ghost")}}};
    o[QStringLiteral("steps")] = QJsonArray{step};
    QTest::newRow("no such client") << o << QStringLiteral("/steps/0/do/0: no client named 'ghost'");

    o = minimalLesson();
    step = o[QStringLiteral("steps")][0].toObject();
    QJsonObject received = step[QStringLiteral("expect")][0].toObject();
    received[QStringLiteral("client")] = QStringLiteral("p");
    step[QStringLiteral("expect")] = QJsonArray{received};
    o[QStringLiteral("steps")] = QJsonArray{step};
    QTest::newRow("a producer receives") << o << QStringLiteral("'p' is a producer: it receives nothing");

    o = minimalLesson();
    step = o[QStringLiteral("steps")][0].toObject();
    step[QStringLiteral("do")] = QJsonArray{QJsonObject{{QStringLiteral("action"), QStringLiteral("restart-broker")}}};
    o[QStringLiteral("steps")] = QJsonArray{step};
    QTest::newRow("restart without saying so") << o << QStringLiteral("/needsBrokerControl");

    o = minimalLesson();
    o[QStringLiteral("name")] = QStringLiteral("Not A Name");
    QTest::newRow("name pattern") << o << QStringLiteral("/name: does not match");
}

void ScenariosTest::refusals()
{
    QFETCH(QJsonObject, lesson);
    QFETCH(QString, problem);
    const QStringList problems = problemsOf(lesson);
    QVERIFY2(!problems.contains(QStringLiteral("(read)")), "the lesson was accepted");
    QVERIFY2(std::any_of(problems.cbegin(), problems.cend(), [&](const QString &p) { return p.contains(problem); }),
             qPrintable(problems.join(QLatin1Char('\n'))));
}

void ScenariosTest::minimalReads()
{
    QStringList errors;
    const std::optional<Scenario> s = ScenarioReader::read(QJsonDocument(minimalLesson()).toJson(), &errors);
    QVERIFY2(s, qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(s->clients.size(), 2);
    QVERIFY(!s->clients[0].isProducer());
    QCOMPARE(std::get<warren::sim::ConsumerSpec>(s->clients[0].spec).queue.name, QStringLiteral("q"));
    QCOMPARE(s->steps[0].expectations[0].withinMs, 5000);
    QCOMPARE(s->title.inLanguage(QStringLiteral("zh_CN")), QStringLiteral("小"));
    QCOMPARE(s->title.inLanguage(QStringLiteral("en_GB")), QStringLiteral("Tiny"));

    QVERIFY(!ScenarioReader::read("{ not json", &errors));
    QVERIFY(errors.value(0).startsWith(QStringLiteral("not JSON")));
}

void ScenariosTest::findByName()
{
    QStringList errors;
    QVERIFY(LessonCatalog::find(QStringLiteral("hello-world"), &errors));
    QVERIFY(!LessonCatalog::find(QStringLiteral("no-such"), &errors));
    QVERIFY(errors.value(0).contains(QStringLiteral("no lesson named 'no-such'")));
    QVERIFY(errors.value(0).contains(QStringLiteral("hello-world")));
}

void ScenariosTest::deviationApplied()
{
    const QByteArray json = QJsonDocument(lessonWithDeviation(QStringLiteral("/clients/0/ack"), QStringLiteral("automatic"),
                                                              QStringLiteral("/steps/0/expect/0")))
                                .toJson();
    QStringList errors;
    const std::optional<Scenario> plain = ScenarioReader::read(json, &errors);
    QVERIFY2(plain, qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(plain->deviations.size(), 1);
    QCOMPARE(plain->deviation, QString());
    QVERIFY(!plain->chosenDeviation());
    QCOMPARE(std::get<warren::sim::ConsumerSpec>(plain->clients[0].spec).ackMode, warren::sim::AckMode::Manual);

    const std::optional<Scenario> deviated = ScenarioReader::read(json, &errors, QStringLiteral("auto-ack"));
    QVERIFY2(deviated, qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(deviated->deviation, QStringLiteral("auto-ack"));
    QCOMPARE(deviated->chosenDeviation()->label.en, QStringLiteral("auto"));
    QCOMPARE(std::get<warren::sim::ConsumerSpec>(deviated->clients[0].spec).ackMode, warren::sim::AckMode::Automatic);
    QCOMPARE(deviated->clients[1].name, QStringLiteral("p"));   // nothing else changed
    QCOMPARE(deviated->steps.size(), plain->steps.size());
}

void ScenariosTest::deviationRefusals_data()
{
    QTest::addColumn<QJsonObject>("lesson");
    QTest::addColumn<QString>("deviation");
    QTest::addColumn<QString>("problem");
    const QString breaks = QStringLiteral("/steps/0/expect/0");
    QTest::newRow("a value the file lacks")
        << lessonWithDeviation(QStringLiteral("/clients/0/prefetch"), 0, breaks) << QString()
        << QStringLiteral("/deviations/0: changes /clients/0/prefetch, which the lesson does not have");
    QTest::newRow("an item the file lacks")
        << lessonWithDeviation(QStringLiteral("/clients/5/ack"), QStringLiteral("automatic"), breaks) << QString()
        << QStringLiteral("changes /clients/5/ack");
    QTest::newRow("an expectation the lesson lacks")
        << lessonWithDeviation(QStringLiteral("/clients/0/ack"), QStringLiteral("automatic"), QStringLiteral("/steps/0/expect/3"))
        << QString() << QStringLiteral("breaks /steps/0/expect/3, which the lesson does not have");
    QTest::newRow("not a pointer to an expectation")
        << lessonWithDeviation(QStringLiteral("/clients/0/ack"), QStringLiteral("automatic"), QStringLiteral("/steps/0"))
        << QString() << QStringLiteral("/deviations/0/breaks: does not match");
    QTest::newRow("unknown deviation")
        << lessonWithDeviation(QStringLiteral("/clients/0/ack"), QStringLiteral("automatic"), breaks) << QStringLiteral("manual")
        << QStringLiteral("the lesson tiny has no deviation named 'manual' (it has: auto-ack)");
    QTest::newRow("a change the schema refuses")
        << lessonWithDeviation(QStringLiteral("/clients/0/ack"), QStringLiteral("sometimes"), breaks) << QStringLiteral("auto-ack")
        << QStringLiteral("with the deviation 'auto-ack': /clients/0");
}

void ScenariosTest::deviationRefusals()
{
    QFETCH(QJsonObject, lesson);
    QFETCH(QString, deviation);
    QFETCH(QString, problem);
    QStringList errors;
    QVERIFY(!ScenarioReader::read(QJsonDocument(lesson).toJson(), &errors, deviation));
    QVERIFY2(std::any_of(errors.cbegin(), errors.cend(), [&](const QString &p) { return p.contains(problem); }),
             qPrintable(errors.join(QLatin1Char('\n'))));
}

// Every deviation of every shipped lesson reads, in both languages, with its change made.
void ScenariosTest::shippedDeviationsRead()
{
    int deviations = 0;
    for (const Scenario &lesson : LessonCatalog::all()) {
        for (const Deviation &d : lesson.deviations) {
            checkTexts(d.label, lesson.name + QLatin1Char('/') + d.name);
            QStringList errors;
            const std::optional<Scenario> deviated = LessonCatalog::find(lesson.name, &errors, d.name);
            QVERIFY2(deviated, qPrintable(lesson.name + QLatin1Char('/') + d.name + QLatin1Char(' ') + errors.join(QLatin1Char('\n'))));
            QCOMPARE(deviated->deviation, d.name);
            ++deviations;
        }
    }
    QVERIFY2(deviations >= 3, "the lessons promise at least three deviations");
}

// What the graph rings at a step: the clients it starts and checks, what they use, what its
// expectations name; nothing for a vhost-wide fate.
void ScenariosTest::stepFocus()
{
    QStringList errors;
    const std::optional<Scenario> hello = LessonCatalog::find(QStringLiteral("hello-world"), &errors);
    QVERIFY(hello);
    const StepFocus publish = StepFocus::of(*hello, 1);   // send.py publishes; routed, received
    QCOMPARE(publish.clients, (QSet<QString>{QStringLiteral("send.py"), QStringLiteral("receive.py")}));
    QCOMPARE(publish.exchanges, QSet<QString>{QString()});
    QCOMPARE(publish.queues, QSet<QString>{QStringLiteral("hello")});

    const std::optional<Scenario> crash = LessonCatalog::find(QStringLiteral("crash-redelivery"), &errors);
    const StepFocus redelivery = StepFocus::of(*crash, 1);   // worker 2 starts, worker 1 crashes
    QCOMPARE(redelivery.clients, (QSet<QString>{QStringLiteral("worker 1"), QStringLiteral("worker 2")}));
    QVERIFY(redelivery.exchanges.isEmpty());
    QCOMPARE(redelivery.queues, QSet<QString>{QStringLiteral("hello")});

    const std::optional<Scenario> ttl = LessonCatalog::find(QStringLiteral("dead-letter-ttl"), &errors);
    const StepFocus expiry = StepFocus::of(*ttl, 1);   // expired and dead-lettered: vhost-wide
    QCOMPARE(expiry.exchanges, QSet<QString>{QStringLiteral("dlx")});   // from its "routed"
    QVERIFY(expiry.clients.isEmpty());
    QVERIFY(StepFocus::of(*ttl, 99).isEmpty());
}

QTEST_APPLESS_MAIN(ScenariosTest)
#include "tst_scenarios.moc"
