#include "PythonExport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <optional>

namespace warren::lesson {

namespace {

const QString kTopologyFile = QStringLiteral("setup_topology.py");
const QString kDefinitionsFile = QStringLiteral("definitions.json");
const QString kReadmeFile = QStringLiteral("README.txt");
// What AMQP declares; the rest of a definitions fragment goes to definitions.json.
const QStringList kAmqpParts = {QStringLiteral("exchanges"), QStringLiteral("queues"), QStringLiteral("bindings")};

// ---- Python text -------------------------------------------------------------------------

// `text` escaped for the inside of a single-quoted Python string (an f-string's when
// `braces`: its literal braces are doubled).
QString escaped(const QString &text, bool braces = false)
{
    QString out;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'\\' || u == u'\'')
            out += QLatin1Char('\\') + c;
        else if (u == u'\n')
            out += QStringLiteral("\\n");
        else if (u == u'\t')
            out += QStringLiteral("\\t");
        else if (u < 0x20 || u == 0x7f)
            out += QStringLiteral("\\x") + QString::number(uint(u), 16).rightJustified(2, QLatin1Char('0'));
        else if (braces && (u == u'{' || u == u'}'))
            out += QString(2, c);
        else
            out += c;
    }
    return out;
}

// A Python string literal.
QString py(const QString &text)
{
    return QLatin1Char('\'') + escaped(text) + QLatin1Char('\'');
}

QString pyBool(bool b)
{
    return b ? QStringLiteral("True") : QStringLiteral("False");
}

// A JSON value (a queue's or binding's arguments) as a Python literal.
QString pyValue(const QJsonValue &v)
{
    QStringList items;
    switch (v.type()) {
    case QJsonValue::Bool:
        return pyBool(v.toBool());
    case QJsonValue::Double:
        // Whole numbers stay integers: pika sends them as AMQP integers, as x-max-length wants.
        if (const double d = v.toDouble(); std::trunc(d) == d && std::abs(d) < 9e15)
            return QString::number(qint64(d));
        return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::String:
        return py(v.toString());
    case QJsonValue::Array:
        for (const QJsonValue &item : v.toArray())
            items.append(pyValue(item));
        return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            items.append(py(it.key()) + QStringLiteral(": ") + pyValue(it.value()));
        return QLatin1Char('{') + items.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    default:
        return QStringLiteral("None");
    }
}

// Text for a docstring: nothing in it may end the docstring or start an escape.
QString docText(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    out.replace(QStringLiteral("\"\"\""), QStringLiteral("\\\"\\\"\\\""));
    return out;
}

// `text` in lines of at most `width` characters (longer words stay whole), each after `indent`.
QStringList wrapped(const QString &text, const QString &indent, int width = 88)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && indent.size() + line.size() + 1 + word.size() > width) {
            lines.append(indent + line);
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        lines.append(indent + line);
    return lines;
}

// ---- templates: a routing key or body with {n}, {n%K}, {choice:a|b}, {uuid} --------------

struct TemplatePart {
    enum class Kind { Literal, Number, Modulo, Choice, Uuid };
    Kind kind = Kind::Literal;
    QString text;   // Literal: the text; Modulo: K
    QStringList choices;
};
using PartKind = TemplatePart::Kind;

// The placeholder between braces, as sim::TextTemplate reads it; nullopt when it is none.
std::optional<TemplatePart> placeholder(const QString &inside)
{
    if (inside == QLatin1String("n"))
        return TemplatePart{PartKind::Number, {}, {}};
    if (inside == QLatin1String("uuid"))
        return TemplatePart{PartKind::Uuid, {}, {}};
    bool ok = false;
    if (inside.startsWith(QLatin1String("n%")) && inside.mid(2).toULongLong(&ok) >= 1 && ok)
        return TemplatePart{PartKind::Modulo, inside.mid(2), {}};
    if (inside.startsWith(QLatin1String("choice:")) && inside.size() > 7)
        return TemplatePart{PartKind::Choice, {}, inside.mid(7).split(QLatin1Char('|'))};
    return std::nullopt;
}

QList<TemplatePart> partsOf(const QString &text)
{
    QList<TemplatePart> parts;
    QString literal;
    const auto flush = [&] {
        if (!literal.isEmpty())
            parts.append(TemplatePart{PartKind::Literal, literal, {}});
        literal.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const bool brace = c == QLatin1Char('{') || c == QLatin1Char('}');
        if (brace && i + 1 < text.size() && text[i + 1] == c) {   // {{ and }}: a literal brace
            literal += c;
            ++i;
            continue;
        }
        const qsizetype close = c == QLatin1Char('{') ? text.indexOf(QLatin1Char('}'), i) : -1;
        const std::optional<TemplatePart> part = close < 0 ? std::nullopt : placeholder(text.mid(i + 1, close - i - 1));
        if (!part) {
            literal += c;
            continue;
        }
        flush();
        parts.append(*part);
        i = close;
    }
    flush();
    return parts;
}

bool hasKind(const QList<TemplatePart> &parts, PartKind kind)
{
    return std::any_of(parts.begin(), parts.end(), [kind](const TemplatePart &p) { return p.kind == kind; });
}

// One part inside an f-string.
QString fStringPiece(const TemplatePart &p)
{
    switch (p.kind) {
    case PartKind::Number: return QStringLiteral("{n}");
    case PartKind::Modulo: return QStringLiteral("{n % ") + p.text + QLatin1Char('}');
    case PartKind::Uuid: return QStringLiteral("{uuid.uuid4()}");
    default: return escaped(p.text, true);
    }
}

// One part of a concatenation (for {choice:…}: an f-string cannot hold its quoted options).
QString concatenatedPiece(const TemplatePart &p)
{
    QStringList options;
    switch (p.kind) {
    case PartKind::Number: return QStringLiteral("str(n)");
    case PartKind::Modulo: return QStringLiteral("str(n % ") + p.text + QLatin1Char(')');
    case PartKind::Uuid: return QStringLiteral("str(uuid.uuid4())");
    case PartKind::Choice:
        for (const QString &option : p.choices)
            options.append(py(option));
        return QLatin1Char('[') + options.join(QStringLiteral(", ")) + QStringLiteral("][(n - 1) % ")
            + QString::number(options.size()) + QLatin1Char(']');
    default: return py(p.text);
    }
}

bool isLiteral(const QString &text)
{
    const QList<TemplatePart> parts = partsOf(text);
    return std::all_of(parts.begin(), parts.end(), [](const TemplatePart &p) { return p.kind == PartKind::Literal; });
}

// A template as a Python expression of the message number `n`: 'Hello' stays a plain
// string, 'Hello {n}' becomes f'Hello {n}'.
QString pyTemplate(const QString &text)
{
    const QList<TemplatePart> parts = partsOf(text);
    if (isLiteral(text)) {   // {{ and }} are single braces already
        QString literal;
        for (const TemplatePart &p : parts)
            literal += p.text;
        return py(literal);
    }
    QStringList pieces;
    const bool choice = hasKind(parts, PartKind::Choice);
    for (const TemplatePart &p : parts)
        pieces.append(choice ? concatenatedPiece(p) : fStringPiece(p));
    return choice ? pieces.join(QStringLiteral(" + ")) : QStringLiteral("f'") + pieces.join(QString()) + QLatin1Char('\'');
}

bool usesUuid(const QString &text)
{
    return hasKind(partsOf(text), PartKind::Uuid);
}

// ---- the parts every script shares -------------------------------------------------------


QString roleOf(const ClientDefinition &c)
{
    if (const auto *p = std::get_if<sim::ProducerSpec>(&c.spec))
        return p->awaitReplies ? QStringLiteral("an RPC client") : QStringLiteral("a producer");
    return std::get<sim::ConsumerSpec>(c.spec).reply ? QStringLiteral("an RPC server") : QStringLiteral("a consumer");
}

QStringList docstring(const Scenario &s, const QString &what, const QString &run)
{
    QStringList lines{QStringLiteral("#!/usr/bin/env python3"),
                      QStringLiteral("\"\"\"") + docText(what) + QStringLiteral(" of Warren's lesson \"")
                          + docText(s.title.en) + QStringLiteral("\" (") + s.name + QStringLiteral(")."),
                      QString()};
    lines += wrapped(docText(s.goal.en), QString());
    lines += {QString(), QStringLiteral("Run it with: ") + docText(run),
              QStringLiteral("It needs pika: on Debian, apt install python3-pika; elsewhere, pip install pika."),
              QStringLiteral("\"\"\"")};
    return lines;
}

QStringList connectLines(const QString &url, const QString &connectionName)
{
    return {QStringLiteral("# Connect to the broker, as opening a socket: the URL says where and as whom"),
            QStringLiteral("# (amqp://user:password@host:port/vhost)."),
            QStringLiteral("parameters = pika.URLParameters(") + py(url) + QLatin1Char(')'),
            QStringLiteral("# The connection's name, as the broker's management lists it."),
            QStringLiteral("parameters.client_properties = {'connection_name': ") + py(connectionName) + QLatin1Char('}'),
            QStringLiteral("connection = pika.BlockingConnection(parameters)"),
            QStringLiteral("# A channel: a session inside the connection; every command goes through one."),
            QStringLiteral("channel = connection.channel()"),
            QString()};
}

QStringList declareLines(const sim::QueueDeclaration &q)
{
    if (!q.declare)
        return {};
    QStringList lines{QStringLiteral("# Declare the queue on both sides: we don't know which program runs first, and"),
                      QStringLiteral("# declaring is idempotent (it creates the queue only when it is missing).")};
    if (q.durable) {
        lines += {QStringLiteral("# durable=True: the queue survives a broker restart (its messages only when persistent);"),
                  QStringLiteral("# both sides must declare it alike, or the broker refuses the second declaration.")};
    }
    lines.append(QStringLiteral("channel.queue_declare(queue=") + py(q.name)
                 + (q.durable ? QStringLiteral(", durable=True)") : QStringLiteral(")")));
    return lines;
}

// ---- producers ---------------------------------------------------------------------------

QStringList bindLines(const sim::ProducerSpec &p)
{
    if (!p.queue.bind || !p.queue.declare)
        return {};
    if (p.exchange.isEmpty())
        return {QStringLiteral("# The default exchange needs no binding: it routes a key to the queue of that name.")};
    return {QStringLiteral("# Bind the queue to the exchange: the exchange routes to it the messages it matches"),
            QStringLiteral("# with the binding key."),
            QStringLiteral("channel.queue_bind(queue=%1, exchange=%2, routing_key=%3)")
                .arg(py(p.queue.name), py(p.exchange), py(p.queue.bindingKey))};
}

QStringList returnLines(const sim::ProducerSpec &p)
{
    if (!p.mandatory || p.confirms)
        return {};
    return {QStringLiteral("# mandatory=True: a message no queue takes comes back (basic.return) instead of"),
            QStringLiteral("# being dropped; this callback prints it."),
            QStringLiteral("def on_return(ch, method, properties, body):"),
            QStringLiteral("    print(\" [!] Returned %r: %s\" % (body, method.reply_text))"),
            QString(),
            QString(),
            QStringLiteral("channel.add_on_return_callback(on_return)"),
            QString()};
}

QStringList confirmLines(const sim::ProducerSpec &p)
{
    if (!p.confirms)
        return {};
    return {QStringLiteral("# Publisher confirms: the broker acknowledges each message once it has taken charge of"),
            QStringLiteral("# it; basic_publish then waits for that answer and raises an error when it is a no."),
            QStringLiteral("channel.confirm_delivery()"),
            QString()};
}

QStringList propertyLines(const sim::ProducerSpec &p, const QString &name, const QString &indent)
{
    const sim::MessageProperties &m = p.properties;
    QStringList lines;
    if (m.persistent) {
        lines += {indent + QStringLiteral("# persistent: the broker writes the message to disk (it survives a restart"),
                  indent + QStringLiteral("# in a durable queue)."),
                  indent + QStringLiteral("delivery_mode=2,")};
    }
    if (!m.expiration.isEmpty()) {
        lines += {indent + QStringLiteral("# Expires after this many milliseconds in a queue."),
                  indent + QStringLiteral("expiration=") + py(m.expiration) + QLatin1Char(',')};
    }
    if (m.priority >= 0)
        lines.append(indent + QStringLiteral("priority=") + QString::number(qBound(0, m.priority, 255)) + QLatin1Char(','));
    if (p.awaitReplies) {
        lines += {indent + QStringLiteral("reply_to=callback_queue,  # where the server is to send the answer"),
                  indent + QStringLiteral("correlation_id=corr_id,")};
    } else {
        if (!m.replyTo.isEmpty())
            lines.append(indent + QStringLiteral("reply_to=") + py(m.replyTo) + QLatin1Char(','));
        if (!m.correlationId.isEmpty())
            lines.append(indent + QStringLiteral("correlation_id=") + py(m.correlationId) + QLatin1Char(','));
    }
    QString headers;
    for (const auto &[name, value] : m.headers)
        headers += py(name) + QStringLiteral(": ") + py(value) + QStringLiteral(", ");
    lines += {indent + QStringLiteral("# Numbered as Warren's simulated producers number theirs."),
              indent + QStringLiteral("headers={") + headers + QStringLiteral("'message-number': n, 'producer': ")
                  + py(name) + QStringLiteral("}))")};
    return lines;
}

QStringList publishLines(const sim::ProducerSpec &p, const QString &name, const QString &indent)
{
    // A key with a placeholder is computed for each message before the call.
    const QString routingKey = isLiteral(p.routingKey) ? pyTemplate(p.routingKey) : QStringLiteral("routing_key");
    const QString call = indent + QStringLiteral("channel.basic_publish(");
    const QString args(call.size(), QLatin1Char(' '));
    QStringList lines{call + QStringLiteral("exchange=") + py(p.exchange) + QLatin1Char(','),
                      args + QStringLiteral("routing_key=") + routingKey + QLatin1Char(','),
                      args + QStringLiteral("body=body,")};
    if (p.mandatory)
        lines.append(args + QStringLiteral("mandatory=True,"));
    lines.append(args + QStringLiteral("properties=pika.BasicProperties("));
    lines += propertyLines(p, name, args + QStringLiteral("    "));
    return lines;
}

QString routeComment(const sim::ProducerSpec &p)
{
    if (p.exchange.isEmpty())
        return QStringLiteral("A message never goes to a queue directly: the default exchange ('') routes it to the "
                              "queue named like its routing key.");
    return QStringLiteral("A message never goes to a queue directly: the exchange %1 routes it by its routing key.")
        .arg(py(p.exchange));
}

QStringList loopLines(const sim::ProducerSpec &p, const QString &name)
{
    const QString in = QStringLiteral("    ");
    QStringList lines{QStringLiteral("# How many messages one run sends."),
                      QStringLiteral("COUNT = ") + QString::number(p.burstMode ? qMax(0, p.burst) : 10), QString(),
                      QStringLiteral("for n in range(1, COUNT + 1):  # messages are numbered from 1")};
    if (!isLiteral(p.routingKey))
        lines.append(in + QStringLiteral("routing_key = ") + pyTemplate(p.routingKey));
    lines.append(in + QStringLiteral("body = ") + pyTemplate(p.body));
    if (p.awaitReplies) {
        lines += {in + QStringLiteral("corr_id = str(uuid.uuid4())  # a new id per request: which one a reply answers"),
                  in + QStringLiteral("pending.add(corr_id)")};
    }
    lines += wrapped(routeComment(p), in + QStringLiteral("# "));
    if (!p.confirms) {
        lines += publishLines(p, name, in);
        lines.append(in + QStringLiteral("print(\" [x] Sent %r\" % body)"));
    } else {
        lines.append(in + QStringLiteral("try:"));
        lines += publishLines(p, name, in + in);
        lines += {in + in + QStringLiteral("# basic_publish returned: the broker confirmed the message."),
                  in + in + QStringLiteral("print(\" [x] Sent %r\" % body)"),
                  in + QStringLiteral("except pika.exceptions.UnroutableError:"),
                  in + in + QStringLiteral("# Mandatory, and no queue took it: the broker returned it."),
                  in + in + QStringLiteral("print(\" [!] Returned %r: no queue is bound for its routing key\" % body)"),
                  in + QStringLiteral("except pika.exceptions.NackError:"),
                  in + in + QStringLiteral("# The broker refused it (e.g. a full queue that rejects publishes)."),
                  in + in + QStringLiteral("print(\" [!] Nacked %r: the broker refused it\" % body)")};
    }
    if (!p.burstMode && p.ratePerSecond > 0)
        lines.append(in + QStringLiteral("time.sleep(") + QString::number(1.0 / p.ratePerSecond) + QStringLiteral(")  # the producer's rate"));
    return lines;
}

// An RPC client's queue for the answers, and the callback that matches them to its requests.
QStringList replyQueueLines(const sim::ProducerSpec &p)
{
    if (!p.awaitReplies)
        return {};
    return {QStringLiteral("# An RPC client: a queue of its own for the answers. queue='' lets the broker name it"),
            QStringLiteral("# (amq.gen-...); exclusive=True: only this connection uses it, and it goes with it."),
            QStringLiteral("result = channel.queue_declare(queue='', exclusive=True)"),
            QStringLiteral("callback_queue = result.method.queue"),
            QString(),
            QStringLiteral("pending = set()  # the correlation_ids of the requests not answered yet"),
            QString(),
            QString(),
            QStringLiteral("def on_response(ch, method, properties, body):"),
            QStringLiteral("    # An answer is ours only when its correlation_id is that of one of our requests."),
            QStringLiteral("    if properties.correlation_id in pending:"),
            QStringLiteral("        pending.discard(properties.correlation_id)"),
            QStringLiteral("        print(\" [.] Got %r\" % body, flush=True)"),
            QString(),
            QString(),
            QStringLiteral("channel.basic_consume(queue=callback_queue, on_message_callback=on_response, auto_ack=True)"),
            QString()};
}

QStringList awaitRepliesLines(const sim::ProducerSpec &p)
{
    if (!p.awaitReplies)
        return {};
    return {QString(),
            QStringLiteral("# Wait for the answers (10 seconds at most), reading the reply queue meanwhile."),
            QStringLiteral("deadline = time.time() + 10"),
            QStringLiteral("while pending and time.time() < deadline:"),
            QStringLiteral("    connection.process_data_events(time_limit=0.5)")};
}

QString producerScript(const Scenario &s, const ClientDefinition &c, const sim::ProducerSpec &p, const QString &url,
                       const QString &file)
{
    QStringList lines = docstring(s, file + QStringLiteral(": ") + roleOf(c), QStringLiteral("python3 ") + file);
    if (!p.burstMode || p.awaitReplies)
        lines.append(QStringLiteral("import time"));
    if (usesUuid(p.routingKey) || usesUuid(p.body) || p.awaitReplies)
        lines.append(QStringLiteral("import uuid"));
    lines += {QStringLiteral("import pika"), QString()};
    lines += connectLines(url, c.name);
    const QStringList declare = declareLines(p.queue) + bindLines(p);
    lines += declare;
    if (!declare.isEmpty())
        lines.append(QString());
    lines += replyQueueLines(p) + returnLines(p) + confirmLines(p) + loopLines(p, c.name) + awaitRepliesLines(p);
    if (p.mandatory && !p.confirms) {
        lines += {QString(), QStringLiteral("# Returned messages come back after the publish: wait a moment for them."),
                  QStringLiteral("connection.process_data_events(time_limit=1)")};
    }
    lines += {QString(), QStringLiteral("connection.close()  # close the connection once the messages are sent")};
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

// ---- consumers ---------------------------------------------------------------------------

QStringList argumentLines(const QString &file)
{
    return {QStringLiteral("# --count N: stop after N messages (for tests and demos); without it, consume until CTRL+C."),
            QStringLiteral("parser = argparse.ArgumentParser(description=") + py(file + QStringLiteral(": a consumer"))
                + QLatin1Char(')'),
            QStringLiteral("parser.add_argument('--count', type=int, default=0, help='exit after N messages')"),
            QStringLiteral("args = parser.parse_args()"),
            QString()};
}

QStringList qosLines(const sim::ConsumerSpec &c)
{
    if (c.prefetch <= 0) {
        return {QStringLiteral("# No basic_qos: the broker sends this consumer as many messages as it has, without"),
                QStringLiteral("# waiting for acknowledgements (no prefetch limit)."),
                QString()};
    }
    return {QStringLiteral("# prefetch_count: the broker sends this consumer at most this many unacknowledged"),
            QStringLiteral("# messages at a time; the next one once it acknowledged one (fair dispatch)."),
            QStringLiteral("channel.basic_qos(prefetch_count=") + QString::number(c.prefetch) + QLatin1Char(')'),
            QString()};
}

QStringList processingLines(const sim::ConsumerSpec &c, const QString &in)
{
    if (c.processingMinMs == c.processingMaxMs) {
        return {in + QStringLiteral("time.sleep(") + QString::number(qMax(0, c.processingMinMs) / 1000.0)
                + QStringLiteral(")  # the work the message asks for")};
    }
    return {in + QStringLiteral("# the work the message asks for: a while, drawn at random"),
            in + QStringLiteral("time.sleep(random.uniform(%1, %2))")
                .arg(QString::number(c.processingMinMs / 1000.0), QString::number(c.processingMaxMs / 1000.0))};
}

const QString kAck = QStringLiteral("ch.basic_ack(delivery_tag=method.delivery_tag)");

// An RPC server's answer, before it acknowledges the request.
QStringList replyLines(const sim::ConsumerSpec &c, const QString &in)
{
    if (!c.reply)
        return {};
    return {in + QStringLiteral("# An RPC server: the answer goes to the queue the request names (reply_to), through"),
            in + QStringLiteral("# the default exchange, with the request's correlation_id."),
            in + QStringLiteral("if properties.reply_to:"),
            in + QStringLiteral("    ch.basic_publish(exchange='',"),
            in + QStringLiteral("                     routing_key=properties.reply_to,"),
            in + QStringLiteral("                     properties=pika.BasicProperties(correlation_id=properties.correlation_id),"),
            in + QStringLiteral("                     body=b'reply to ' + body)")};
}

// What the callback does with a message once processed: the consumer's outcome.
QStringList settleLines(const sim::ConsumerSpec &c, const QString &in)
{
    const bool manual = c.ackMode == sim::AckMode::Manual;
    QStringList lines;
    const QString failAfter = QString::number(qMax(1, c.failAfter));
    if (c.outcome == sim::Outcome::CrashBeforeAck) {
        lines += {in + QStringLiteral("if received >= ") + failAfter + QLatin1Char(':'),
                  in + QStringLiteral("    # The lesson's crash: the process dies before it acknowledges message #") + failAfter + QLatin1Char('.'),
                  in + (manual ? QStringLiteral("    # The broker sees the connection go and requeues what it had not acknowledged.")
                               : QStringLiteral("    # With auto_ack the broker has forgotten it already: it is lost.")),
                  in + QStringLiteral("    print(\" [!] Crashing before the ack\", flush=True)"),
                  in + QStringLiteral("    os._exit(1)  # no close, no ack: like kill -9 or a power cut")};
    } else if (c.outcome == sim::Outcome::Hang) {
        lines += {in + QStringLiteral("if received >= ") + failAfter + QLatin1Char(':'),
                  in + QStringLiteral("    # The lesson's hang: the consumer stops reading and heartbeating; the broker"),
                  in + QStringLiteral("    # gives up on it after the heartbeat timeout and requeues its messages."),
                  in + QStringLiteral("    while True:"),
                  in + QStringLiteral("        time.sleep(3600)")};
    }
    if (!manual) {
        return lines + QStringList{in + QStringLiteral("# auto_ack=True: the broker forgot the message when it delivered it: "
                                                       "nothing to acknowledge.")};
    }
    switch (c.outcome) {
    case sim::Outcome::RejectRequeue:
        return lines + QStringList{in + QStringLiteral("# Reject it, requeue=True: back to the queue, delivered again (redelivered=True)."),
                                   in + QStringLiteral("ch.basic_reject(delivery_tag=method.delivery_tag, requeue=True)")};
    case sim::Outcome::NackDiscard:
        return lines + QStringList{in + QStringLiteral("# Nack it, requeue=False: the broker drops it (or dead-letters it)."),
                                   in + QStringLiteral("ch.basic_nack(delivery_tag=method.delivery_tag, requeue=False)")};
    case sim::Outcome::Forget:
        return lines + QStringList{in + QStringLiteral("# The ack is forgotten on purpose, as in the seed tutorial's first consumer:"),
                                   in + QStringLiteral("# the message stays unacknowledged until this consumer goes, then it is"),
                                   in + QStringLiteral("# delivered again."),
                                   in + QStringLiteral("# ") + kAck};
    default:
        return lines + replyLines(c, in)
            + QStringList{in + QStringLiteral("# Tell the broker the message is processed: only now does it delete it."),
                          in + kAck};
    }
}

QStringList callbackLines(const sim::ConsumerSpec &c)
{
    const QString in = QStringLiteral("    ");
    QStringList lines{QStringLiteral("received = 0  # messages received so far"), QString(), QString(),
                      QStringLiteral("def callback(ch, method, properties, body):  # the four standard arguments"),
                      in + QStringLiteral("global received"),
                      in + QStringLiteral("received += 1"),
                      in + QStringLiteral("# redelivered=True: the broker delivered it before, to a consumer that did not acknowledge it."),
                      in + QStringLiteral("# flush=True: print at once, even into a pipe or a file."),
                      in + QStringLiteral("print(\" [x] Received %r (redelivered: %s)\" % (body, method.redelivered), flush=True)")};
    lines += processingLines(c, in);
    lines += settleLines(c, in);
    lines += {in + QStringLiteral("if args.count and received >= args.count:"),
              in + (c.channels > 1 ? QStringLiteral("    for each in channels:  # --count reached: start_consuming() returns\n")
                                         + in + QStringLiteral("        each.stop_consuming()")
                                   : QStringLiteral("    ch.stop_consuming()  # --count reached: start_consuming() returns")),
              QString(), QString()};
    return lines;
}

QStringList consumeLines(const sim::ConsumerSpec &c)
{
    const bool automatic = c.ackMode == sim::AckMode::Automatic;
    QStringList lines;
    if (automatic) {
        lines += {QStringLiteral("# auto_ack=True: the broker considers a message done as soon as it sent it; if this"),
                  QStringLiteral("# consumer dies while processing it, the message is lost.")};
    } else {
        lines += {QStringLiteral("# auto_ack=False: the broker keeps each message until the callback acknowledges it;"),
                  QStringLiteral("# if this consumer dies first, the broker gives the message to another consumer.")};
    }
    QString extra;
    if (c.exclusive)
        extra += QStringLiteral(",\n                      exclusive=True");
    if (c.priority != 0)
        extra += QStringLiteral(",\n                      arguments={'x-priority': ") + QString::number(c.priority) + QLatin1Char('}');
    lines += {QStringLiteral("channel.basic_consume(queue=") + py(c.queue.name) + QLatin1Char(','),
              QStringLiteral("                      on_message_callback=callback,  # called for every message"),
              QStringLiteral("                      auto_ack=") + pyBool(automatic) + extra + QLatin1Char(')'),
              QString(),
              QStringLiteral("print(' [*] Waiting for messages. To exit press CTRL+C', flush=True)"),
              QStringLiteral("try:"),
              QStringLiteral("    channel.start_consuming()  # waits here, calling callback for each message"),
              QStringLiteral("except KeyboardInterrupt:"),
              QStringLiteral("    pass  # CTRL+C: stop quietly"),
              QStringLiteral("connection.close()")};
    return lines;
}

// Several channels: sessions of their own inside the one connection, a consumer on each.
QStringList channelLines(const sim::ConsumerSpec &c)
{
    if (c.channels <= 1)
        return {};
    return {QStringLiteral("# %1 more channels on the same connection: sessions of their own inside it, one TCP").arg(c.channels - 1),
            QStringLiteral("# socket for all; each gets a consumer of its own below."),
            QStringLiteral("channels = [channel] + [connection.channel() for _ in range(%1)]").arg(c.channels - 1),
            QString()};
}

// With several channels, basic_qos and basic_consume go to each of them: "channel.x(" becomes
// "    each.x(" under a loop, one character further right, and so do its continuation lines.
QStringList perChannel(const QStringList &lines)
{
    QStringList out;
    bool inCall = false;
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String("channel.basic_qos(")) || line.startsWith(QLatin1String("channel.basic_consume("))) {
            out += {QStringLiteral("for each in channels:"), QStringLiteral("    each.") + line.mid(8)};
            inCall = true;
        } else if (inCall && line.startsWith(QLatin1Char(' '))) {
            out.append(QLatin1Char(' ') + line);
        } else {
            out.append(line);
            inCall = false;
        }
    }
    return out;
}

QString consumerScript(const Scenario &s, const ClientDefinition &c, const sim::ConsumerSpec &spec, const QString &url,
                       const QString &file)
{
    QStringList lines = docstring(s, file + QStringLiteral(": ") + roleOf(c),
                                  QStringLiteral("python3 ") + file + QStringLiteral(" [--count N]"));
    lines.append(QStringLiteral("import argparse"));
    if (spec.outcome == sim::Outcome::CrashBeforeAck)
        lines.append(QStringLiteral("import os"));
    if (spec.processingMinMs != spec.processingMaxMs)
        lines.append(QStringLiteral("import random"));
    lines += {QStringLiteral("import time"), QString(), QStringLiteral("import pika"), QString()};
    if (spec.processingMinMs != spec.processingMaxMs)
        lines += {QStringLiteral("random.seed(") + QString::number(spec.seed) + QStringLiteral(")  # the same times at every run"), QString()};
    lines += argumentLines(file);
    lines += connectLines(url, c.name);
    if (spec.queue.declare)
        lines += declareLines(spec.queue) + QStringList{QString()};
    else {
        lines += {QStringLiteral("# No queue_declare: the queue must exist already (the topology or another program"),
                  QStringLiteral("# declares it); consuming from a missing queue fails with 404 NOT_FOUND."),
                  QString()};
    }
    lines += channelLines(spec) + qosLines(spec) + callbackLines(spec) + consumeLines(spec);
    if (spec.channels > 1)
        lines = perChannel(lines);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

// ---- the topology ------------------------------------------------------------------------

QString exchangeComment(const QString &type)
{
    if (type == QLatin1String("direct"))
        return QStringLiteral("# A direct exchange: to the queues bound with exactly the message's routing key.");
    if (type == QLatin1String("fanout"))
        return QStringLiteral("# A fanout exchange: to every bound queue, whatever the routing key.");
    if (type == QLatin1String("topic"))
        return QStringLiteral("# A topic exchange: to the queues whose binding pattern matches the key (* one word, # any).");
    if (type == QLatin1String("headers"))
        return QStringLiteral("# A headers exchange: by the message's headers, not its routing key.");
    return QStringLiteral("# An exchange of type ") + py(type) + QLatin1Char('.');
}

// `, arguments={…}` when there are arguments.
QString argumentsOf(const QJsonObject &o, QJsonObject arguments = {})
{
    const QJsonObject given = o[QLatin1String("arguments")].toObject();
    for (auto it = given.begin(); it != given.end(); ++it)
        arguments.insert(it.key(), it.value());
    return arguments.isEmpty() ? QString() : QStringLiteral(", arguments=") + pyValue(arguments);
}

QString flag(const QJsonObject &o, const char *key)
{
    return o[QLatin1String(key)].toBool() ? QStringLiteral(", ") + QLatin1String(key) + QStringLiteral("=True") : QString();
}

QStringList exchangeLines(const QJsonObject &x)
{
    const QString type = x[QLatin1String("type")].toString(QStringLiteral("direct"));
    return {exchangeComment(type),
            QStringLiteral("channel.exchange_declare(exchange=%1, exchange_type=%2, durable=%3")
                    .arg(py(x[QLatin1String("name")].toString()), py(type), pyBool(x[QLatin1String("durable")].toBool()))
                + flag(x, "auto_delete") + flag(x, "internal") + argumentsOf(x) + QLatin1Char(')')};
}

QStringList queueLines(const QJsonObject &q)
{
    // A definitions file names a queue's type beside its arguments; AMQP only in them.
    QJsonObject typeArgument;
    const QString type = q[QLatin1String("type")].toString();
    if (!type.isEmpty() && type != QLatin1String("classic"))
        typeArgument.insert(QStringLiteral("x-queue-type"), type);
    return {QStringLiteral("channel.queue_declare(queue=%1, durable=%2")
                .arg(py(q[QLatin1String("name")].toString()), pyBool(q[QLatin1String("durable")].toBool()))
            + flag(q, "auto_delete") + argumentsOf(q, typeArgument) + QLatin1Char(')')};
}

QStringList bindingLines(const QJsonObject &b)
{
    const QString source = b[QLatin1String("source")].toString();
    const QString destination = b[QLatin1String("destination")].toString();
    const QString key = py(b[QLatin1String("routing_key")].toString());
    if (source.isEmpty())
        return {QStringLiteral("# (the default exchange's bindings are implicit: nothing to declare for ") + py(destination) + QLatin1Char(')')};
    if (b[QLatin1String("destination_type")].toString() == QLatin1String("exchange")) {
        return {QStringLiteral("channel.exchange_bind(destination=%1, source=%2, routing_key=%3")
                    .arg(py(destination), py(source), key) + argumentsOf(b) + QLatin1Char(')')};
    }
    return {QStringLiteral("channel.queue_bind(queue=%1, exchange=%2, routing_key=%3")
                .arg(py(destination), py(source), key) + argumentsOf(b) + QLatin1Char(')')};
}

// Each virtual host's declarations, exchanges first, then queues, then bindings.
QMap<QString, QStringList> declarationsByVhost(const QJsonObject &topology)
{
    QMap<QString, QStringList> byVhost;
    const auto add = [&](const char *part, QStringList (*lines)(const QJsonObject &)) {
        for (const QJsonValue &v : topology[QLatin1String(part)].toArray())
            byVhost[v[QLatin1String("vhost")].toString(QStringLiteral("/"))] += lines(v.toObject());
    };
    add("exchanges", exchangeLines);
    add("queues", queueLines);
    add("bindings", bindingLines);
    return byVhost;
}

QString fileForName(const QString &clientName)
{
    QString name = clientName;
    for (QChar &c : name) {
        const bool plain = (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_') || c == QLatin1Char('.')
            || c == QLatin1Char('-');
        if (!plain)
            c = QLatin1Char('_');
    }
    if (name.isEmpty())
        name = QStringLiteral("client");
    return name.endsWith(QLatin1String(".py")) ? name : name + QStringLiteral(".py");
}

// ---- README ------------------------------------------------------------------------------

QString actionText(const Action &a, const QMap<QString, QString> &files, const Scenario &s)
{
    const QString file = files.value(a.client);
    const ClientDefinition *client = s.client(a.client);
    const QString where = a.queue.isEmpty() ? QStringLiteral("of the virtual host '%1'").arg(a.vhost)
                                            : QStringLiteral("of the queue '%1' (virtual host '%2')").arg(a.queue, a.vhost);
    switch (a.kind) {
    case Action::Kind::Start:
        if (client && client->isProducer()) {
            const int count = std::get<sim::ProducerSpec>(client->spec).burst;
            return QStringLiteral("python3 %1    (sends %2 message(s), then exits)").arg(file, QString::number(count));
        }
        return QStringLiteral("python3 %1    (in a terminal of its own: it keeps waiting for messages)").arg(file);
    case Action::Kind::Stop: return QStringLiteral("stop %1: CTRL+C in its terminal").arg(file);
    case Action::Kind::Crash: return QStringLiteral("kill %1 without a goodbye: kill -9 its process").arg(file);
    case Action::Kind::Restart: return QStringLiteral("stop %1 (CTRL+C) and run it again: python3 %1").arg(file);
    case Action::Kind::Wait: return QStringLiteral("wait %1 s").arg(QString::number(a.ms / 1000.0));
    case Action::Kind::RestartBroker:
        return QStringLiteral("restart the broker (RabbitMQ: sudo systemctl restart rabbitmq-server; Warren: quit it "
                              "and start it again)");
    case Action::Kind::Pause: return QStringLiteral("in Warren's explorer, pause the deliveries ") + where;
    case Action::Kind::Step: return QStringLiteral("in Warren's explorer, let one message through ") + where;
    case Action::Kind::Resume: return QStringLiteral("in Warren's explorer, resume the deliveries ") + where;
    }
    return {};
}

QStringList readmeSetup(const Scenario &s)
{
    QStringList lines;
    if (!PythonExport::definitionsFile(s).isEmpty()) {
        lines += {QStringLiteral("  rabbitmqctl import_definitions ") + kDefinitionsFile,
                  QStringLiteral("      (virtual hosts, users, permissions: AMQP cannot declare them; on Warren,"),
                  QStringLiteral("      start it with: warren --import ") + kDefinitionsFile + QLatin1Char(')')};
    }
    if (!declarationsByVhost(s.topology).isEmpty())
        lines.append(QStringLiteral("  python3 ") + kTopologyFile + QStringLiteral("    (the exchanges, queues and bindings)"));
    if (lines.isEmpty())
        return {};
    return QStringList{QStringLiteral("Before the first step:")} + lines + QStringList{QString()};
}

QString readme(const Scenario &s, const QString &url, const QMap<QString, QString> &files)
{
    const QString title = QStringLiteral("Warren's lesson \"%1\" (%2) as Python scripts").arg(s.title.en, s.name);
    QStringList lines{title, QString(title.size(), QLatin1Char('=')), QString()};
    lines += wrapped(s.goal.en, QString());
    lines.append(QString());
    lines += wrapped(QStringLiteral("Each script is one of the lesson's clients, written with pika (on Debian: apt install "
                                    "python3-pika; elsewhere: pip install pika). They connect to %1: edit the URL near "
                                    "the top of a script for another broker. A consumer takes --count N to exit after N "
                                    "messages.").arg(url),
                     QString());
    lines += {QString(), QStringLiteral("Run them in this order, each in a terminal of its own:"), QString()};
    lines += readmeSetup(s);
    for (int i = 0; i < s.steps.size(); ++i) {
        lines += wrapped(QStringLiteral("Step %1. ").arg(i + 1) + s.steps[i].say.en, QString());
        for (const Action &a : s.steps[i].actions)
            lines.append(QStringLiteral("  ") + actionText(a, files, s));
        lines.append(QString());
    }
    return lines.join(QLatin1Char('\n'));
}

bool writeFile(const QString &path, const QString &text, bool executable, QString *error)
{
    QSaveFile file(path);
    const bool written = file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) >= 0 && file.commit();
    const QFile::Permissions rwxr_xr_x = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
        | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
    if (written && (!executable || QFile::setPermissions(path, rwxr_xr_x)))
        return true;
    if (error)
        *error = QStringLiteral("cannot write %1: %2").arg(path, written ? QStringLiteral("cannot make it executable") : file.errorString());
    return false;
}

} // namespace

QString PythonExport::fileName(const QString &clientName)
{
    return fileForName(clientName);
}

QMap<QString, QString> PythonExport::fileNames(const Scenario &s)
{
    QMap<QString, QString> files;
    QSet<QString> taken{kTopologyFile};
    for (const ClientDefinition &c : s.clients) {
        const QString base = fileName(c.name);
        QString file = base;
        for (int n = 2; taken.contains(file); ++n)
            file = base.chopped(3) + QStringLiteral("_%1.py").arg(n);
        taken.insert(file);
        files.insert(c.name, file);
    }
    return files;
}

QString PythonExport::clientScript(const Scenario &s, const QString &clientName, const QString &url)
{
    const ClientDefinition *c = s.client(clientName);
    if (!c)
        return {};
    const QString file = fileNames(s).value(clientName);
    const QString clientUrl = c->urlOn(url);
    if (const auto *p = std::get_if<sim::ProducerSpec>(&c->spec))
        return producerScript(s, *c, *p, clientUrl, file);
    return consumerScript(s, *c, std::get<sim::ConsumerSpec>(c->spec), clientUrl, file);
}

QString PythonExport::topologyScript(const Scenario &s, const QString &url)
{
    const QMap<QString, QStringList> byVhost = declarationsByVhost(s.topology);
    if (byVhost.isEmpty())
        return {};
    QStringList lines = docstring(s, kTopologyFile + QStringLiteral(": the exchanges, queues and bindings"),
                                  QStringLiteral("python3 ") + kTopologyFile + QStringLiteral(", once, before the other scripts"));
    lines += {QStringLiteral("import pika"), QString()};
    if (!definitionsFile(s).isEmpty()) {
        lines += {QStringLiteral("# Virtual hosts, users and permissions cannot be declared over AMQP: import them first"),
                  QStringLiteral("# with `rabbitmqctl import_definitions ") + kDefinitionsFile
                      + QStringLiteral("` (the file beside this one)."),
                  QString()};
    }
    lines += {QString(), QStringLiteral("def open_channel(url):"),
              QStringLiteral("    \"\"\"A new connection to url (one per virtual host), and a channel on it.\"\"\""),
              QStringLiteral("    parameters = pika.URLParameters(url)"),
              QStringLiteral("    parameters.client_properties = {'connection_name': ") + py(kTopologyFile) + QLatin1Char('}'),
              QStringLiteral("    connection = pika.BlockingConnection(parameters)"),
              QStringLiteral("    return connection, connection.channel()"), QString(), QString(),
              QStringLiteral("# Declaring is idempotent: running this again changes nothing. Exchanges first, then"),
              QStringLiteral("# queues, then the bindings between them.")};
    const ClientDefinition asTheUrlSays;   // its user and password leave the URL's
    for (auto it = byVhost.begin(); it != byVhost.end(); ++it) {
        const QString vhostUrl = urlWith(url, asTheUrlSays.user, asTheUrlSays.password, it.key());
        lines += {QString(), QStringLiteral("# The virtual host ") + py(it.key()),
                  QStringLiteral("connection, channel = open_channel(") + py(vhostUrl) + QLatin1Char(')')};
        lines += it.value();
        lines.append(QStringLiteral("connection.close()"));
    }
    lines += {QString(), QStringLiteral("print(\" [x] Topology declared\")")};
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString PythonExport::definitionsFile(const Scenario &s)
{
    QJsonObject rest = s.topology;
    for (const QString &part : kAmqpParts)
        rest.remove(part);
    return rest.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(rest).toJson(QJsonDocument::Indented));
}

QMap<QString, QString> PythonExport::scripts(const Scenario &s, const QString &url)
{
    const QMap<QString, QString> files = fileNames(s);
    QMap<QString, QString> out;
    for (const ClientDefinition &c : s.clients)
        out.insert(files.value(c.name), clientScript(s, c.name, url));
    if (const QString topology = topologyScript(s, url); !topology.isEmpty())
        out.insert(kTopologyFile, topology);
    if (const QString definitions = definitionsFile(s); !definitions.isEmpty())
        out.insert(kDefinitionsFile, definitions);
    out.insert(kReadmeFile, readme(s, url, files) + QLatin1Char('\n'));
    return out;
}

bool PythonExport::write(const Scenario &s, const QString &url, const QString &directory, QString *error)
{
    if (!QDir().mkpath(directory)) {
        if (error)
            *error = QStringLiteral("cannot create the directory %1").arg(directory);
        return false;
    }
    const QMap<QString, QString> files = scripts(s, url);
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!writeFile(QDir(directory).filePath(it.key()), it.value(), it.key().endsWith(QLatin1String(".py")), error))
            return false;
    }
    return true;
}

} // namespace warren::lesson
