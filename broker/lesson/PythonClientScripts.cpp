#include "PythonClientScripts.h"

#include "lesson/PythonSource.h"

namespace warren::lesson::python {

namespace {

// ---- the parts both kinds of client share ------------------------------------------------

QString roleOf(const ClientDefinition &c)
{
    if (const auto *p = std::get_if<sim::ProducerSpec>(&c.spec))
        return p->awaitReplies ? QStringLiteral("an RPC client") : QStringLiteral("a producer");
    return std::get<sim::ConsumerSpec>(c.spec).reply ? QStringLiteral("an RPC server") : QStringLiteral("a consumer");
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

} // namespace

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

namespace {

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

} // namespace

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

} // namespace warren::lesson::python
