// A lesson as Python scripts: the pika code of each of its clients, in the style of the seed
// tutorial (pika.BlockingConnection, queue_declare on both sides, basic_publish with
// properties, basic_consume with a callback, basic_ack, start_consuming), which the lesson
// page shows beside each step and "Export as Python scripts" writes as runnable files.
//
// The scripts need only Debian 12's python3-pika (1.2 and later) and run against any AMQP
// 0-9-1 broker: Warren or RabbitMQ. They do what Warren's simulated clients do: a producer
// publishes its `count` messages numbered from 1 (headers "message-number" and "producer"),
// a consumer settles each message as its outcome says. A consumer takes `--count N` to exit
// after N messages, so that a test can run it unmodified.
//
// Pure functions of the scenario: no broker, no file system but write().
#pragma once

#include "lesson/Scenario.h"

#include <QMap>
#include <QString>

namespace warren::lesson {

class PythonExport {
public:
    // The broker the scripts connect to when the user names none.
    static QString defaultUrl() { return QStringLiteral("amqp://guest:guest@localhost:5672/"); }

    // The complete script of the client `clientName`, connecting to `url` (with the client's
    // own user, password and virtual host when the lesson gives them); empty when the
    // lesson has no such client.
    static QString clientScript(const Scenario &s, const QString &clientName, const QString &url);
    // Declares the topology's exchanges, queues and bindings over AMQP; empty when the
    // lesson has none of them.
    static QString topologyScript(const Scenario &s, const QString &url);
    // What of the topology AMQP cannot declare (vhosts, users, permissions, policies…), as
    // a definitions file for `rabbitmqctl import_definitions`; empty when there is none.
    static QString definitionsFile(const Scenario &s);

    // A client's file name: "send.py" stays, "worker 1" is "worker_1.py" (any character
    // but [A-Za-z0-9_.-] becomes '_', and ".py" is appended when missing).
    static QString fileName(const QString &clientName);
    // Client name → file name, for every client; names that would clash get "_2", "_3"…
    static QMap<QString, QString> fileNames(const Scenario &s);

    // File name → text: every client's script, "setup_topology.py" and "definitions.json"
    // when there is something to put in them, and "README.txt" (what to run, in which order).
    static QMap<QString, QString> scripts(const Scenario &s, const QString &url);
    // Writes scripts() into `directory` (created when missing), the .py files executable.
    static bool write(const Scenario &s, const QString &url, const QString &directory, QString *error);
};

} // namespace warren::lesson
