#include "CommandLine.h"

#include <QCommandLineParser>
#include <QStandardPaths>

#include <cstring>

bool CommandLine::needsNoWindow(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *consoleOnly : {"--headless", "--export", "--help", "-h", "--help-all", "--version", "-v",
                                        "--lessons", "--lesson", "--deviate", "--report", "--broker",
                                        "--export-lesson"}) {
            if (std::strcmp(argv[i], consoleOnly) == 0
                || (std::strncmp(argv[i], consoleOnly, std::strlen(consoleOnly)) == 0
                    && argv[i][std::strlen(consoleOnly)] == '='))
                return true;
        }
    }
    return false;
}

QString CommandLine::languageIn(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            return QString::fromLocal8Bit(argv[i + 1]);
        if (std::strncmp(argv[i], "--lang=", 7) == 0)
            return QString::fromLocal8Bit(argv[i] + 7);
    }
    return {};
}

CommandLine CommandLine::parse(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Warren: an AMQP 0-9-1 message broker with a desktop explorer."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      QCoreApplication::translate("main", "Run the broker in the terminal, without a window."));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QCoreApplication::translate("main", "AMQP port to listen on (default 5672)."),
                                  QStringLiteral("port"), QStringLiteral("5672"));
    const QCommandLineOption bind(QStringLiteral("bind"),
                                  QCoreApplication::translate("main", "Address to listen on; repeat for several "
                                                                      "(default 127.0.0.1 and ::1)."),
                                  QStringLiteral("address"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QCoreApplication::translate("main", "Directory for durable data."),
                                     QStringLiteral("dir"));
    const QCommandLineOption memory(QStringLiteral("memory-high-watermark"),
                                    QCoreApplication::translate("main", "Block publishers above this much memory: "
                                                                        "a share of RAM below 1, else bytes (default 0.4)."),
                                    QStringLiteral("limit"), QStringLiteral("0.4"));
    const QCommandLineOption disk(QStringLiteral("disk-free-limit"),
                                  QCoreApplication::translate("main", "Block publishers when the data directory's disk "
                                                                      "has less free space, in bytes (default 50000000)."),
                                  QStringLiteral("bytes"), QStringLiteral("50000000"));
    const QCommandLineOption maxConnections(QStringLiteral("max-connections"),
                                            QCoreApplication::translate("main", "Accept at most this many client "
                                                                                "connections; more wait until one "
                                                                                "closes (default: no limit)."),
                                            QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption consumerTimeout(QStringLiteral("consumer-timeout"),
                                             QCoreApplication::translate("main", "Close a channel whose delivery "
                                                                                 "stays unacknowledged this long, in "
                                                                                 "milliseconds (default 1800000, 0: "
                                                                                 "never)."),
                                             QStringLiteral("ms"), QStringLiteral("1800000"));
    const QCommandLineOption tlsPort(QStringLiteral("tls-port"),
                                     QCoreApplication::translate("main", "AMQPS (AMQP over TLS) port to listen on "
                                                                         "with --tls-cert and --tls-key (default "
                                                                         "5671)."),
                                     QStringLiteral("port"), QStringLiteral("5671"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
                                     QCoreApplication::translate("main", "The broker's TLS certificate (PEM, then "
                                                                         "any intermediate ones): with --tls-key, "
                                                                         "listen for AMQPS too."),
                                     QStringLiteral("file"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    QCoreApplication::translate("main", "The private key of --tls-cert (PEM, not "
                                                                        "encrypted)."),
                                    QStringLiteral("file"));
    const QCommandLineOption tlsCa(QStringLiteral("tls-ca"),
                                   QCoreApplication::translate("main", "CA certificates (PEM) for clients' "
                                                                       "certificates: a client may present one, "
                                                                       "which must be signed by them."),
                                   QStringLiteral("file"));
    const QCommandLineOption tlsVerifyPeer(QStringLiteral("tls-verify-peer"),
                                           QCoreApplication::translate("main", "With --tls-ca: every TLS client "
                                                                               "must present a certificate signed "
                                                                               "by those CAs."));
    const QCommandLineOption loopbackUsers(QStringLiteral("loopback-users"),
                                           QCoreApplication::translate("main", "Users who may log in only from this "
                                                                               "machine (a loopback address), "
                                                                               "comma-separated (default guest; an "
                                                                               "empty list: none)."),
                                           QStringLiteral("list"), QStringLiteral("guest"));
    const QCommandLineOption import(QStringLiteral("import"),
                                    QCoreApplication::translate("main", "Import a RabbitMQ definitions file "
                                                                        "(rabbitmqctl export_definitions) at start."),
                                    QStringLiteral("file"));
    const QCommandLineOption exportTo(QStringLiteral("export"),
                                      QCoreApplication::translate("main", "Write the data directory's definitions "
                                                                          "in RabbitMQ's format to a file, then exit."),
                                      QStringLiteral("file"));
    const QCommandLineOption traceFile(QStringLiteral("trace-file"),
                                       QCoreApplication::translate("main", "With --headless: write what happens to "
                                                                           "each message as JSON lines to a file "
                                                                           "(- for standard output)."),
                                       QStringLiteral("file"));
    const QCommandLineOption traceOn(QStringLiteral("trace-on"),
                                     QCoreApplication::translate("main", "Turn RabbitMQ's firehose on for a virtual "
                                                                         "host: publishes and deliveries are copied "
                                                                         "to amq.rabbitmq.trace; repeat for several."),
                                     QStringLiteral("vhost"));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QCoreApplication::translate("main", "Open the window at this page (overview, "
                                                                      "events, connections, channels, exchanges, "
                                                                      "queues, bindings, consumers, vhosts, users, "
                                                                      "simulator, flow, lessons)."),
                                  QStringLiteral("name"));
    const QCommandLineOption lessons(QStringLiteral("lessons"),
                                     QCoreApplication::translate("main", "List the lessons (NAME and title), then exit."));
    const QCommandLineOption lesson(QStringLiteral("lesson"),
                                    QCoreApplication::translate("main", "Play a lesson (a NAME from --lessons, or a "
                                                                        "scenario file) on a scratch broker in the "
                                                                        "terminal, then exit: 0 passed, 1 an "
                                                                        "expectation failed, 2 usage, 3 cannot run."),
                                    QStringLiteral("name|file"));
    const QCommandLineOption deviate(QStringLiteral("deviate"),
                                     QCoreApplication::translate("main", "With --lesson: play it with one of its "
                                                                         "deviations (something done differently, "
                                                                         "to see which expectation fails)."),
                                     QStringLiteral("deviation"));
    const QCommandLineOption report(QStringLiteral("report"),
                                    QCoreApplication::translate("main", "With --lesson: write the run as JSON to a file."),
                                    QStringLiteral("file"));
    const QCommandLineOption otherBroker(QStringLiteral("broker"),
                                         QCoreApplication::translate("main", "With --lesson: run it against another "
                                                                             "broker (e.g. RabbitMQ) instead of a "
                                                                             "scratch one; only what the clients see "
                                                                             "is checked."),
                                         QStringLiteral("amqp-url"));
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  QCoreApplication::translate("main", "Language: en or zh_CN (default: the system's; "
                                                                     "for the window, the one chosen in Settings → "
                                                                     "Language)."),
                                  QStringLiteral("language"));
    // Hidden: the tests' way to the scripts the Lessons page exports (tests/lessons).
    QCommandLineOption exportLesson(QStringLiteral("export-lesson"),
                                    QCoreApplication::translate("main", "Write a lesson's clients as pika scripts, "
                                                                        "then exit."),
                                    QStringLiteral("name|file"));
    QCommandLineOption exportLessonTo(QStringLiteral("to"),
                                      QCoreApplication::translate("main", "With --export-lesson: the directory."),
                                      QStringLiteral("dir"));
    QCommandLineOption exportLessonUrl(QStringLiteral("url"),
                                       QCoreApplication::translate("main", "With --export-lesson: the broker's URL."),
                                       QStringLiteral("url"));
    // For tests: small segment files, so that a small disk holds several (hidden: a tuning knob
    // nobody else needs).
    QCommandLineOption segmentSize(QStringLiteral("store-segment-size"),
                                   QStringLiteral("Message store segment files of this many bytes."),
                                   QStringLiteral("bytes"), QString::number(qint64(64) << 20));
    // For tests: a backlog that pages after a few megabytes rather than after the default window.
    QCommandLineOption pagingWindow(QStringLiteral("paging-window"),
                                    QStringLiteral("Each queue keeps this many bytes of ready messages in memory."),
                                    QStringLiteral("bytes"), QString::number(warren::BrokerConfig().pagingWindow));
    for (QCommandLineOption *hidden : {&exportLesson, &exportLessonTo, &exportLessonUrl, &segmentSize, &pagingWindow})
        hidden->setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({headless, port, bind, dataDir, tlsPort, tlsCert, tlsKey, tlsCa, tlsVerifyPeer, memory, disk,
                       maxConnections, consumerTimeout, loopbackUsers, import, exportTo, traceFile, traceOn, page,
                       lessons, lesson, deviate, report, otherBroker, lang, exportLesson, exportLessonTo,
                       exportLessonUrl, segmentSize, pagingWindow});
    parser.process(app);

    CommandLine cl;
    cl.headless = parser.isSet(headless);
    cl.listenerGiven = parser.isSet(port) || parser.isSet(bind) || parser.isSet(dataDir) || parser.isSet(tlsPort)
        || parser.isSet(tlsCert) || parser.isSet(tlsKey) || parser.isSet(tlsCa) || parser.isSet(tlsVerifyPeer);
    bool ok = false;
    const auto portIn = [&](const QCommandLineOption &option) {
        const uint number = parser.value(option).toUInt(&ok);
        if (!ok || number > 65535)
            cl.error = QCoreApplication::translate("main", "invalid port: %1").arg(parser.value(option));
        return quint16(number);
    };
    cl.broker.port = portIn(port);
    cl.broker.tls.port = portIn(tlsPort);
    cl.broker.tls.certFile = parser.value(tlsCert);
    cl.broker.tls.keyFile = parser.value(tlsKey);
    cl.broker.tls.caFile = parser.value(tlsCa);
    cl.broker.tls.verifyPeer = parser.isSet(tlsVerifyPeer);
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey))
        cl.error = QCoreApplication::translate("main", "--tls-cert and --tls-key go together");
    else if ((parser.isSet(tlsCa) || parser.isSet(tlsPort)) && !parser.isSet(tlsCert))
        cl.error = QCoreApplication::translate("main", "--tls-port and --tls-ca need --tls-cert and --tls-key");
    else if (cl.broker.tls.verifyPeer && !parser.isSet(tlsCa))
        cl.error = QCoreApplication::translate("main", "--tls-verify-peer needs --tls-ca");
    if (parser.isSet(bind)) {
        cl.broker.bindAddresses.clear();
        cl.broker.bindAddressesExplicit = true;
        for (const QString &text : parser.values(bind)) {
            QHostAddress address;
            if (!address.setAddress(text))
                cl.error = QCoreApplication::translate("main", "invalid address: %1").arg(text);
            cl.broker.bindAddresses.append(address);
        }
    }
    cl.broker.memoryHighWatermark = parser.value(memory).toDouble(&ok);
    if (!ok || cl.broker.memoryHighWatermark <= 0)
        cl.error = QCoreApplication::translate("main", "invalid memory high watermark: %1").arg(parser.value(memory));
    cl.broker.diskFreeLimit = parser.value(disk).toLongLong(&ok);
    if (!ok || cl.broker.diskFreeLimit < 0)
        cl.error = QCoreApplication::translate("main", "invalid disk free limit: %1").arg(parser.value(disk));
    cl.broker.segmentSize = parser.value(segmentSize).toLongLong(&ok);
    if (!ok || cl.broker.segmentSize < 4096)
        cl.error = QCoreApplication::translate("main", "invalid segment size: %1").arg(parser.value(segmentSize));
    cl.broker.pagingWindow = parser.value(pagingWindow).toLongLong(&ok);
    if (!ok || cl.broker.pagingWindow < 0)
        cl.error = QCoreApplication::translate("main", "invalid paging window: %1").arg(parser.value(pagingWindow));
    cl.broker.maxConnections = parser.value(maxConnections).toInt(&ok);
    if (!ok || cl.broker.maxConnections < 0)
        cl.error = QCoreApplication::translate("main", "invalid connection limit: %1")
                       .arg(parser.value(maxConnections));
    cl.broker.consumerTimeoutMs = parser.value(consumerTimeout).toLongLong(&ok);
    if (!ok || cl.broker.consumerTimeoutMs < 0)
        cl.error = QCoreApplication::translate("main", "invalid consumer timeout: %1")
                       .arg(parser.value(consumerTimeout));
    cl.broker.loopbackUsers.clear();
    for (const QString &name : parser.value(loopbackUsers).split(u',', Qt::SkipEmptyParts)) {
        if (!name.trimmed().isEmpty())
            cl.broker.loopbackUsers.append(name.trimmed());
    }
    cl.broker.importDefinitions = parser.value(import);
    cl.broker.firehoseVHosts = parser.values(traceOn);
    cl.traceFile = parser.value(traceFile);
    if (parser.isSet(traceFile) && !cl.headless)
        cl.error = QCoreApplication::translate("main", "--trace-file needs --headless");
    cl.page = parser.value(page);
    if (parser.isSet(page) && cl.headless)
        cl.error = QCoreApplication::translate("main", "--page needs the window, not --headless");
    cl.listLessons = parser.isSet(lessons);
    cl.lesson = parser.value(lesson);
    cl.deviation = parser.value(deviate);
    if (parser.isSet(deviate) && !parser.isSet(lesson))
        cl.error = QCoreApplication::translate("main", "--deviate needs --lesson");
    cl.report = parser.value(report);
    cl.language = parser.value(lang);
    if (parser.isSet(report) && !parser.isSet(lesson))
        cl.error = QCoreApplication::translate("main", "--report needs --lesson");
    cl.lessonBroker = parser.value(otherBroker);
    if (parser.isSet(otherBroker) && !parser.isSet(lesson))
        cl.error = QCoreApplication::translate("main", "--broker needs --lesson");
    cl.exportLesson = parser.value(exportLesson);
    cl.exportTo = parser.value(exportLessonTo);
    cl.exportUrl = parser.value(exportLessonUrl);
    if (parser.isSet(exportLesson) != parser.isSet(exportLessonTo))
        cl.error = QCoreApplication::translate("main", "--export-lesson and --to go together");
    if (parser.isSet(exportLessonUrl) && !parser.isSet(exportLesson))
        cl.error = QCoreApplication::translate("main", "--url needs --export-lesson");
    cl.exportDefinitions = parser.value(exportTo);
    if (parser.isSet(import) && parser.isSet(exportTo))
        cl.error = QCoreApplication::translate("main", "--import and --export exclude each other");
    cl.broker.dataDir = parser.isSet(dataDir)
        ? parser.value(dataDir)
        : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return cl;
}
