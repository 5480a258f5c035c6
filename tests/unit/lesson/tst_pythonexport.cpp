// Unit tests of PythonExport, the lessons as pika scripts:
// - file names: kept, '_' for what a file name should not hold, ".py" added, clashes numbered;
// - the files of a lesson: every client, setup_topology.py and definitions.json only when
//   there is something to put in them, README.txt in the order of the lesson's steps;
// - every script of every shipped lesson, and of a lesson using every option, compiles
//   with `python3 -m py_compile`; a template renders in Python as sim::TextTemplate does;
// - producers: delivery_mode=2 exactly when persistent, mandatory, confirms, the headers;
// - consumers: the line that settles a message, per outcome and ack mode; basic_qos only
//   with a prefetch; the client's own user and virtual host in its URL;
// - RPC: the client's exclusive server-named reply queue, reply_to and a correlation_id per
//   request, the answers matched; the server's answer to reply_to with the correlation_id,
//   before its ack; several channels: each gets basic_qos and a consumer;
// - write(): the files on disk, the scripts executable.
// Running the scripts against a broker is tests/lessons/exported_scripts.py's job.
#include "lesson/LessonCatalog.h"
#include "lesson/PythonExport.h"
#include "sim/TextTemplate.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace warren::lesson;
using namespace warren::sim;

namespace {

const QString kUrl = QStringLiteral("amqp://guest:guest@localhost:5672/");
const QString kPython = QStringLiteral("/usr/bin/python3");
const QString kAck = QStringLiteral("ch.basic_ack(delivery_tag=method.delivery_tag)");

ClientDefinition client(const QString &name, std::variant<ProducerSpec, ConsumerSpec> spec)
{
    ClientDefinition c;
    c.name = name;
    c.spec = std::move(spec);
    return c;
}

ConsumerSpec consumer(Outcome outcome, AckMode ack = AckMode::Manual, int prefetch = 0)
{
    ConsumerSpec c;
    c.queue.name = QStringLiteral("hello");
    c.outcome = outcome;
    c.ackMode = ack;
    c.prefetch = prefetch;
    c.failAfter = 2;
    return c;
}

ProducerSpec producer(bool persistent)
{
    ProducerSpec p;
    p.queue.name = QStringLiteral("hello");
    p.properties.persistent = persistent;
    return p;
}

Scenario lessonWith(const QList<ClientDefinition> &clients)
{
    Scenario s;
    s.name = QStringLiteral("tiny");
    s.title = {QStringLiteral("Tiny \"quoted\" \\ lesson"), QStringLiteral("小")};
    s.goal = {QStringLiteral("A goal with ''' and \"\"\" in it."), QStringLiteral("目标")};
    s.clients = clients;
    return s;
}

// The lines of a script that are code, not its docstring (which ends on a line of its own)
// nor comments.
QStringList codeLines(const QString &script)
{
    QStringList code;
    const QStringList lines = script.split(QLatin1Char('\n'));
    for (const QString &line : lines.mid(lines.indexOf(QStringLiteral("\"\"\"")) + 1)) {
        if (!line.trimmed().startsWith(QLatin1Char('#')))
            code.append(line);
    }
    return code;
}

bool hasCode(const QString &script, const QString &what)
{
    return codeLines(script).join(QLatin1Char('\n')).contains(what);
}

// Empty when `path` compiles, else python's complaint.
QString compileProblem(const QString &path)
{
    QProcess python;
    python.start(kPython, {QStringLiteral("-m"), QStringLiteral("py_compile"), path});
    if (!python.waitForFinished(30000))
        return QStringLiteral("python3 did not finish");
    if (python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0)
        return {};
    return QString::fromUtf8(python.readAllStandardError());
}

QString evaluate(const QString &expression, int n)
{
    QProcess python;
    python.start(kPython, {QStringLiteral("-c"), QStringLiteral("import sys\nn = %1\nsys.stdout.write(%2)").arg(QString::number(n), expression)});
    python.waitForFinished(30000);
    return QString::fromUtf8(python.readAllStandardOutput());
}

// The scripts of `s`, written into `dir`; each that does not compile is a failure.
void checkCompiles(const Scenario &s, const QTemporaryDir &dir)
{
    QString error;
    const QString into = dir.filePath(s.name);
    QVERIFY2(PythonExport::write(s, kUrl, into, &error), qPrintable(error));
    for (const QString &file : PythonExport::scripts(s, kUrl).keys()) {
        if (file.endsWith(QLatin1String(".py"))) {
            const QString problem = compileProblem(QDir(into).filePath(file));
            QVERIFY2(problem.isEmpty(), qPrintable(s.name + QLatin1Char('/') + file + QStringLiteral(": ") + problem));
        }
    }
}

} // namespace

class PythonExportTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void fileNames();
    void filesOfALesson();
    void readmeFollowsTheSteps();
    void shippedLessonsCompile();
    void everyOptionCompiles();
    void templatesRenderAsTheSimulatorDoes_data();
    void templatesRenderAsTheSimulatorDoes();
    void persistentOnlyWhenAsked();
    void producerOptions();
    void consumerSettles_data();
    void consumerSettles();
    void prefetch();
    void clientUrl();
    void topology();
    void writesExecutables();
    void rpcAndChannels();
};

void PythonExportTest::initTestCase()
{
    if (!QFileInfo(kPython).isExecutable())
        QSKIP("/usr/bin/python3 is not installed");
}

void PythonExportTest::fileNames()
{
    QCOMPARE(PythonExport::fileName(QStringLiteral("send.py")), QStringLiteral("send.py"));
    QCOMPARE(PythonExport::fileName(QStringLiteral("worker 1")), QStringLiteral("worker_1.py"));
    QCOMPARE(PythonExport::fileName(QStringLiteral("worker.py (slow)")), QStringLiteral("worker.py__slow_.py"));
    QCOMPARE(PythonExport::fileName(QStringLiteral("a/b\"c-d")), QStringLiteral("a_b_c-d.py"));
    QCOMPARE(PythonExport::fileName(QStringLiteral("名字")), QStringLiteral("__.py"));

    const Scenario s = lessonWith({client(QStringLiteral("worker 1"), consumer(Outcome::Ack)),
                                   client(QStringLiteral("worker_1"), consumer(Outcome::Ack)),
                                   client(QStringLiteral("worker_1.py"), consumer(Outcome::Ack)),
                                   client(QStringLiteral("setup_topology"), producer(false))});
    const QMap<QString, QString> files = PythonExport::fileNames(s);
    QCOMPARE(files.value(QStringLiteral("worker 1")), QStringLiteral("worker_1.py"));
    QCOMPARE(files.value(QStringLiteral("worker_1")), QStringLiteral("worker_1_2.py"));
    QCOMPARE(files.value(QStringLiteral("worker_1.py")), QStringLiteral("worker_1_3.py"));
    QCOMPARE(files.value(QStringLiteral("setup_topology")), QStringLiteral("setup_topology_2.py"));
}

void PythonExportTest::filesOfALesson()
{
    QStringList errors;
    const auto hello = LessonCatalog::find(QStringLiteral("hello-world"), &errors);
    QVERIFY(hello);
    QCOMPARE(PythonExport::scripts(*hello, kUrl).keys(),
             (QStringList{QStringLiteral("README.txt"), QStringLiteral("receive.py"), QStringLiteral("send.py")}));
    QVERIFY(PythonExport::topologyScript(*hello, kUrl).isEmpty());

    const auto routing = LessonCatalog::find(QStringLiteral("routing"), &errors);
    QVERIFY(routing);
    const QStringList files = PythonExport::scripts(*routing, kUrl).keys();
    QVERIFY(files.contains(QStringLiteral("setup_topology.py")));
    QVERIFY(files.contains(QStringLiteral("receive_logs_direct.py_error.py")));
    QVERIFY(files.contains(QStringLiteral("emit_log_direct.py_info.py")));
    QVERIFY(!files.contains(QStringLiteral("definitions.json")));
    QCOMPARE(files.size(), routing->clients.size() + 2);

    // Users and permissions go to definitions.json; with nothing for AMQP, no setup script.
    const auto vhosts = LessonCatalog::find(QStringLiteral("vhosts-users"), &errors);
    QVERIFY(vhosts);
    const QMap<QString, QString> scripts = PythonExport::scripts(*vhosts, kUrl);
    QVERIFY(scripts.contains(QStringLiteral("definitions.json")));
    QVERIFY(!scripts.contains(QStringLiteral("setup_topology.py")));
    QVERIFY(scripts.value(QStringLiteral("definitions.json")).contains(QLatin1String("\"alice\"")));
    QVERIFY(scripts.value(QStringLiteral("README.txt")).contains(QLatin1String("rabbitmqctl import_definitions definitions.json")));
}

void PythonExportTest::readmeFollowsTheSteps()
{
    QStringList errors;
    const auto hello = LessonCatalog::find(QStringLiteral("hello-world"), &errors);
    QVERIFY(hello);
    const QString readme = PythonExport::scripts(*hello, kUrl).value(QStringLiteral("README.txt"));
    const qsizetype receive = readme.indexOf(QLatin1String("python3 receive.py"));
    const qsizetype send = readme.indexOf(QLatin1String("python3 send.py"));
    QVERIFY2(receive > 0 && send > receive, qPrintable(readme));
    QCOMPARE(readme.count(QLatin1String("python3 send.py")), 2);   // run twice
    QVERIFY(readme.contains(QLatin1String("Step 3.")));
    QVERIFY(readme.contains(kUrl));
}

void PythonExportTest::shippedLessonsCompile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QList<Scenario> lessons = LessonCatalog::all();
    QVERIFY(!lessons.isEmpty());
    for (const Scenario &s : lessons)
        checkCompiles(s, dir);
}

void PythonExportTest::everyOptionCompiles()
{
    ProducerSpec p = producer(true);
    p.exchange = QStringLiteral("ex'\\change");
    p.routingKey = QStringLiteral("key.{choice:a|b'|c\"}");
    p.body = QStringLiteral("{{literal}} {n} {n%3} {uuid} \"'\\\n\t");
    p.properties.expiration = QStringLiteral("5000");
    p.properties.priority = 7;
    p.properties.headers = {{QStringLiteral("x"), QStringLiteral("y")}};
    p.mandatory = true;
    p.queue.bind = true;
    p.queue.bindingKey = QStringLiteral("key.#");
    p.queue.durable = true;
    ProducerSpec confirming = p;
    confirming.confirms = true;
    ProducerSpec paced = producer(false);
    paced.burstMode = false;
    paced.ratePerSecond = 4;
    ConsumerSpec random = consumer(Outcome::Hang, AckMode::Manual, 3);
    random.processingMinMs = 10;
    random.processingMaxMs = 90;
    random.exclusive = true;
    random.priority = 5;
    random.channels = 3;
    random.reply = true;
    ProducerSpec rpc = producer(true);
    rpc.awaitReplies = true;
    rpc.confirms = true;
    QList<ClientDefinition> clients{client(QStringLiteral("p 1"), p), client(QStringLiteral("p 2"), confirming),
                                    client(QStringLiteral("p 3"), paced), client(QStringLiteral("c 0"), random),
                                    client(QStringLiteral("p 4"), rpc)};
    for (Outcome o : {Outcome::Ack, Outcome::RejectRequeue, Outcome::NackDiscard, Outcome::Forget, Outcome::CrashBeforeAck}) {
        for (AckMode ack : {AckMode::Manual, AckMode::Automatic})
            clients.append(client(QStringLiteral("c %1").arg(clients.size()), consumer(o, ack)));
    }
    Scenario s = lessonWith(clients);
    s.topology = QJsonDocument::fromJson(R"({
        "exchanges": [{"name": "x", "vhost": "v'h", "type": "topic", "durable": true, "auto_delete": true,
                       "internal": false, "arguments": {"alternate-exchange": "ae"}}],
        "queues": [{"name": "q", "vhost": "/", "durable": true, "auto_delete": false, "type": "quorum",
                    "arguments": {"x-max-length": 1, "x-overflow": "reject-publish", "f": 0.5, "b": true, "l": [1, "a"], "z": null}}],
        "bindings": [{"source": "x", "vhost": "v'h", "destination": "y", "destination_type": "exchange", "routing_key": "#", "arguments": {}},
                     {"source": "", "vhost": "/", "destination": "q", "destination_type": "queue", "routing_key": "q", "arguments": {}}],
        "policies": [{"name": "p", "vhost": "/", "pattern": ".*", "definition": {"max-length": 3}}]
    })").object();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    checkCompiles(s, dir);
    const QString topology = PythonExport::topologyScript(s, kUrl);
    QVERIFY(topology.contains(QLatin1String("'x-queue-type': 'quorum'")));
    QVERIFY(topology.contains(QLatin1String("exchange_bind(destination='y', source='x', routing_key='#')")));
    QVERIFY(topology.contains(QLatin1String("'x-max-length': 1,")));
    QVERIFY(PythonExport::definitionsFile(s).contains(QLatin1String("\"policies\"")));
}

void PythonExportTest::templatesRenderAsTheSimulatorDoes_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("literal") << QStringLiteral("Hello World!");
    QTest::newRow("number") << QStringLiteral("Hello World! {n}");
    QTest::newRow("modulo") << QStringLiteral("shard {n%3}: {n}");
    QTest::newRow("choice") << QStringLiteral("log.{choice:info|warn'ing|\"error\"}.{n}");
    QTest::newRow("braces") << QStringLiteral("{{n}} is {n}, }} {{");
    QTest::newRow("quotes") << QStringLiteral("it's \"{n}\" \\ back\nslash");
    QTest::newRow("not a placeholder") << QStringLiteral("{nope} {n");
    QTest::newRow("empty") << QString();
}

void PythonExportTest::templatesRenderAsTheSimulatorDoes()
{
    QFETCH(QString, text);
    ProducerSpec p = producer(false);
    p.body = text;
    const QString script = PythonExport::clientScript(lessonWith({client(QStringLiteral("p"), p)}), QStringLiteral("p"), kUrl);
    const QRegularExpressionMatch body = QRegularExpression(QStringLiteral("\n    body = (.*)\n")).match(script);
    QVERIFY2(body.hasMatch(), qPrintable(script));
    const auto rendered = TextTemplate::parse(text);
    for (int n : {1, 2, 4}) {
        const QString expected = rendered ? rendered->render(quint64(n)) : text;
        QCOMPARE(evaluate(body.captured(1), n), expected);
    }
}

void PythonExportTest::persistentOnlyWhenAsked()
{
    const Scenario s = lessonWith({client(QStringLiteral("durable"), producer(true)),
                                   client(QStringLiteral("transient"), producer(false))});
    QVERIFY(PythonExport::clientScript(s, QStringLiteral("durable"), kUrl).contains(QLatin1String("delivery_mode=2,")));
    QVERIFY(!PythonExport::clientScript(s, QStringLiteral("transient"), kUrl).contains(QLatin1String("delivery_mode")));

    // The shipped durability lesson: send.py persistent, send-transient.py not.
    QStringList errors;
    const auto durability = LessonCatalog::find(QStringLiteral("durability"), &errors);
    QVERIFY(durability);
    const QString send = PythonExport::clientScript(*durability, QStringLiteral("send.py"), kUrl);
    QVERIFY(hasCode(send, QStringLiteral("delivery_mode=2")));
    QVERIFY(hasCode(send, QStringLiteral("channel.queue_declare(queue='hello', durable=True)")));
    // (its goal may speak of delivery_mode: only the code counts)
    QVERIFY(!hasCode(PythonExport::clientScript(*durability, QStringLiteral("send-transient.py"), kUrl), QStringLiteral("delivery_mode")));
}

void PythonExportTest::producerOptions()
{
    ProducerSpec p = producer(false);
    p.exchange = QStringLiteral("logs");
    p.routingKey = QStringLiteral("info.{n}");
    p.burst = 3;
    p.mandatory = true;
    p.queue.bind = true;
    p.queue.bindingKey = QStringLiteral("info.*");
    ProducerSpec confirming = producer(false);
    confirming.confirms = true;
    const Scenario s = lessonWith({client(QStringLiteral("plain"), p), client(QStringLiteral("confirming"), confirming)});
    const QString plain = PythonExport::clientScript(s, QStringLiteral("plain"), kUrl);
    QVERIFY(hasCode(plain, QStringLiteral("COUNT = 3")));
    QVERIFY(hasCode(plain, QStringLiteral("routing_key = f'info.{n}'")));
    QVERIFY(hasCode(plain, QStringLiteral("mandatory=True")));
    QVERIFY(hasCode(plain, QStringLiteral("channel.add_on_return_callback(on_return)")));
    QVERIFY(hasCode(plain, QStringLiteral("channel.queue_bind(queue='hello', exchange='logs', routing_key='info.*')")));
    QVERIFY(hasCode(plain, QStringLiteral("headers={'message-number': n, 'producer': 'plain'}")));
    QVERIFY(hasCode(plain, QStringLiteral("parameters.client_properties = {'connection_name': 'plain'}")));
    QVERIFY(hasCode(plain, QStringLiteral("print(\" [x] Sent %r\" % body)")));
    QVERIFY(!hasCode(plain, QStringLiteral("confirm_delivery")));
    const QString confirms = PythonExport::clientScript(s, QStringLiteral("confirming"), kUrl);
    QVERIFY(hasCode(confirms, QStringLiteral("channel.confirm_delivery()")));
    QVERIFY(hasCode(confirms, QStringLiteral("except pika.exceptions.NackError:")));
    QVERIFY(!hasCode(confirms, QStringLiteral("mandatory=True")));
    QVERIFY(PythonExport::clientScript(s, QStringLiteral("nobody"), kUrl).isEmpty());
}

void PythonExportTest::consumerSettles_data()
{
    QTest::addColumn<int>("outcome");
    QTest::addColumn<bool>("manual");
    QTest::addColumn<QString>("settles");   // the code line that settles; empty: none
    QTest::addColumn<bool>("crashes");
    const QString reject = QStringLiteral("ch.basic_reject(delivery_tag=method.delivery_tag, requeue=True)");
    const QString nack = QStringLiteral("ch.basic_nack(delivery_tag=method.delivery_tag, requeue=False)");
    QTest::newRow("ack") << int(Outcome::Ack) << true << kAck << false;
    QTest::newRow("reject-requeue") << int(Outcome::RejectRequeue) << true << reject << false;
    QTest::newRow("nack-discard") << int(Outcome::NackDiscard) << true << nack << false;
    QTest::newRow("forget") << int(Outcome::Forget) << true << QString() << false;
    QTest::newRow("crash-before-ack") << int(Outcome::CrashBeforeAck) << true << kAck << true;
    QTest::newRow("automatic") << int(Outcome::Ack) << false << QString() << false;
    QTest::newRow("automatic, crash") << int(Outcome::CrashBeforeAck) << false << QString() << true;
}

void PythonExportTest::consumerSettles()
{
    QFETCH(int, outcome);
    QFETCH(bool, manual);
    QFETCH(QString, settles);
    QFETCH(bool, crashes);
    const Scenario s = lessonWith({client(QStringLiteral("c"), consumer(Outcome(outcome), manual ? AckMode::Manual : AckMode::Automatic))});
    const QString script = PythonExport::clientScript(s, QStringLiteral("c"), kUrl);
    const QString code = codeLines(script).join(QLatin1Char('\n'));
    for (const char *settle : {"basic_ack(", "basic_reject(", "basic_nack("}) {
        const bool expected = !settles.isEmpty() && settles.contains(QLatin1String(settle));
        QVERIFY2(code.contains(QLatin1String(settle)) == expected, qPrintable(script));
    }
    if (!settles.isEmpty())
        QVERIFY(code.contains(settles));
    QVERIFY(hasCode(script, QStringLiteral("auto_ack=") + (manual ? QStringLiteral("False") : QStringLiteral("True"))));
    QCOMPARE(code.contains(QLatin1String("os._exit(1)")), crashes);
    if (crashes && manual)
        QVERIFY(code.indexOf(QLatin1String("os._exit(1)")) < code.indexOf(kAck));   // dies before the ack
    if (crashes)
        QVERIFY(hasCode(script, QStringLiteral("if received >= 2:")));
    if (Outcome(outcome) == Outcome::Forget) {
        QVERIFY(script.contains(QStringLiteral("# ") + kAck));
        QVERIFY(script.contains(QLatin1String("forgotten on purpose")));
    }
    QVERIFY(hasCode(script, QStringLiteral("print(\" [x] Received %r (redelivered: %s)\" % (body, method.redelivered), flush=True)")));
    QVERIFY(hasCode(script, QStringLiteral("print(' [*] Waiting for messages. To exit press CTRL+C', flush=True)")));
    QVERIFY(hasCode(script, QStringLiteral("parser.add_argument('--count'")));
    QVERIFY(hasCode(script, QStringLiteral("ch.stop_consuming()")));
    QVERIFY(hasCode(script, QStringLiteral("time.sleep(0.1)")));
}

void PythonExportTest::prefetch()
{
    const Scenario s = lessonWith({client(QStringLiteral("fair"), consumer(Outcome::Ack, AckMode::Manual, 1)),
                                   client(QStringLiteral("greedy"), consumer(Outcome::Ack, AckMode::Manual, 0))});
    QVERIFY(hasCode(PythonExport::clientScript(s, QStringLiteral("fair"), kUrl), QStringLiteral("channel.basic_qos(prefetch_count=1)")));
    QVERIFY(!hasCode(PythonExport::clientScript(s, QStringLiteral("greedy"), kUrl), QStringLiteral("basic_qos")));
}

void PythonExportTest::clientUrl()
{
    QStringList errors;
    const auto vhosts = LessonCatalog::find(QStringLiteral("vhosts-users"), &errors);
    QVERIFY(vhosts);
    const QString url = QStringLiteral("amqp://guest:guest@127.0.0.1:5673/");
    QVERIFY(PythonExport::clientScript(*vhosts, QStringLiteral("send.py as alice in shop"), url)
                .contains(QLatin1String("pika.URLParameters('amqp://alice:alice@127.0.0.1:5673/shop')")));
    QVERIFY(PythonExport::clientScript(*vhosts, QStringLiteral("receive.py as alice in /"), url)
                .contains(QLatin1String("pika.URLParameters('amqp://alice:alice@127.0.0.1:5673/')")));
    QVERIFY(PythonExport::clientScript(*vhosts, QStringLiteral("send.py as guest in /"), url)
                .contains(QStringLiteral("pika.URLParameters('") + url + QStringLiteral("')")));
}

void PythonExportTest::topology()
{
    QStringList errors;
    const auto routing = LessonCatalog::find(QStringLiteral("routing"), &errors);
    QVERIFY(routing);
    const QString script = PythonExport::topologyScript(*routing, kUrl);
    QVERIFY(hasCode(script, QStringLiteral("channel.exchange_declare(exchange='direct_logs', exchange_type='direct', durable=False)")));
    QVERIFY(hasCode(script, QStringLiteral("channel.queue_declare(queue='disk', durable=False)")));
    QVERIFY(hasCode(script, QStringLiteral("channel.queue_bind(queue='screen', exchange='direct_logs', routing_key='info')")));
    QVERIFY(script.indexOf(QLatin1String("exchange_declare")) < script.indexOf(QLatin1String("queue_bind")));
    QVERIFY(!script.contains(QLatin1String("import_definitions")));
}

void PythonExportTest::writesExecutables()
{
    QStringList errors;
    const auto routing = LessonCatalog::find(QStringLiteral("routing"), &errors);
    QVERIFY(routing);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString into = dir.filePath(QStringLiteral("new/sub"));
    QString error;
    QVERIFY2(PythonExport::write(*routing, kUrl, into, &error), qPrintable(error));
    const QMap<QString, QString> scripts = PythonExport::scripts(*routing, kUrl);
    QCOMPARE(QDir(into).entryList(QDir::Files, QDir::Name), scripts.keys());
    for (auto it = scripts.begin(); it != scripts.end(); ++it) {
        const QFileInfo file(QDir(into).filePath(it.key()));
        QCOMPARE(file.isExecutable(), it.key().endsWith(QLatin1String(".py")));
        QFile f(file.filePath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()), it.value());
    }
    QVERIFY(!PythonExport::write(*routing, kUrl, QDir(into).filePath(QStringLiteral("README.txt")), &error));
    QVERIFY(!error.isEmpty());
}

void PythonExportTest::rpcAndChannels()
{
    QStringList errors;
    const std::optional<Scenario> rpc = LessonCatalog::find(QStringLiteral("rpc"), &errors);
    QVERIFY(rpc);
    const QString client = PythonExport::clientScript(*rpc, QStringLiteral("rpc_client.py"), kUrl);
    for (const char *line : {"result = channel.queue_declare(queue='', exclusive=True)",
                             "callback_queue = result.method.queue", "corr_id = str(uuid.uuid4())",
                             "reply_to=callback_queue,", "correlation_id=corr_id,",
                             "if properties.correlation_id in pending:",
                             "channel.basic_consume(queue=callback_queue, on_message_callback=on_response, auto_ack=True)"})
        QVERIFY2(client.contains(QLatin1String(line)), line);
    const QString server = PythonExport::clientScript(*rpc, QStringLiteral("rpc_server.py"), kUrl);
    const qsizetype answer = server.indexOf(QStringLiteral("routing_key=properties.reply_to,"));
    QVERIFY(answer > 0);
    QVERIFY(server.contains(QStringLiteral("pika.BasicProperties(correlation_id=properties.correlation_id)")));
    QVERIFY(answer < server.indexOf(QStringLiteral("ch.basic_ack(")));   // answered, then acknowledged

    const std::optional<Scenario> channels = LessonCatalog::find(QStringLiteral("channels"), &errors);
    QVERIFY(channels);
    const QString worker = PythonExport::clientScript(*channels, QStringLiteral("worker.py"), kUrl);
    QVERIFY(worker.contains(QStringLiteral("channels = [channel] + [connection.channel() for _ in range(2)]")));
    QVERIFY(worker.contains(QStringLiteral("for each in channels:\n    each.basic_qos(prefetch_count=1)")));
    QVERIFY(worker.contains(QStringLiteral("for each in channels:\n    each.basic_consume(queue='hello',")));
    QVERIFY(!worker.contains(QStringLiteral("\nchannel.basic_consume(")));
}

QTEST_APPLESS_MAIN(PythonExportTest)
#include "tst_pythonexport.moc"
