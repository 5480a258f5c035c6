#include "FlowText.h"

#include "explain/RouteExplanationText.h"
#include "format/FieldTableText.h"

#include <QLocale>

namespace warren::ui {

QString FlowText::bindingLabel(const QString &exchangeType, const QString &key, const amqp::FieldTable &arguments)
{
    if (exchangeType == QLatin1String("fanout"))
        return {};
    if (exchangeType != QLatin1String("headers"))
        return key.isEmpty() ? tr("(empty key)") : key;
    QString mode = QStringLiteral("all");
    QStringList matches;
    for (const auto &[name, value] : arguments) {
        if (name == "x-match")
            mode = describeValue(value);
        else if (!name.startsWith("x-"))
            matches.append(QStringLiteral("%1 = %2").arg(QString::fromUtf8(name), describeValue(value)));
    }
    return tr("%1: %2").arg(mode, matches.isEmpty() ? tr("(no headers)") : matches.join(QStringLiteral(", ")));
}

QString FlowText::defaultBindingLabel(const QString &queue)
{
    return queue;
}

QString FlowText::title(const FlowNode &node)
{
    switch (node.kind) {
    case FlowNodeKind::Exchange:
        return node.name.isEmpty() ? tr("(default exchange)") : node.name;
    case FlowNodeKind::Consumer:
        return node.owner;
    case FlowNodeKind::Producer:
    case FlowNodeKind::Queue:
        return node.name;
    }
    return {};
}

QString FlowText::detail(const FlowNode &node)
{
    const QLocale locale;
    switch (node.kind) {
    case FlowNodeKind::Producer:
        return tr("producer");
    case FlowNodeKind::Exchange:
        return node.type;
    case FlowNodeKind::Queue: {
        const QString depth = tr("%1 ready · %2 unacked").arg(locale.toString(node.ready), locale.toString(node.unacked));
        return node.paused ? tr("%1 · paused").arg(depth) : depth;
    }
    case FlowNodeKind::Consumer: {
        const QString window = node.prefetch > 0
            ? tr("%1/%2 unacked").arg(locale.toString(node.unacked), locale.toString(node.prefetch))
            : tr("%1 unacked, no limit").arg(locale.toString(node.unacked));
        return node.idle ? tr("idle · %1").arg(window) : window;
    }
    }
    return {};
}

QString FlowText::tooltip(const FlowNode &node)
{
    switch (node.kind) {
    case FlowNodeKind::Producer:
        return tr("Connection '%1': it published to the exchanges its arrows point to.").arg(node.name);
    case FlowNodeKind::Exchange:
        return tr("Exchange %1 (%2): it keeps no messages, it passes each one to the queues whose bindings "
                  "match.").arg(title(node), node.type);
    case FlowNodeKind::Queue:
        return tr("Queue '%1': %2 ready to deliver, %3 delivered and not yet acknowledged.")
            .arg(node.name).arg(node.ready).arg(node.unacked);
    case FlowNodeKind::Consumer:
        return tr("Consumer '%1' on connection '%2'. Prefetch window: %3. %4")
            .arg(node.name, node.owner, node.prefetch > 0 ? QString::number(node.prefetch) : tr("no limit"),
                 node.idle ? tr("Idle: nothing unacknowledged and no delivery in the last few seconds.")
                           : tr("Busy."));
    }
    return {};
}

QString FlowText::edgeKindName(FlowEdgeKind kind)
{
    switch (kind) {
    case FlowEdgeKind::Publish: return tr("published");
    case FlowEdgeKind::Binding: return tr("binding");
    case FlowEdgeKind::ExchangeBinding: return tr("exchange-to-exchange binding");
    case FlowEdgeKind::Alternate: return tr("alternate exchange");
    case FlowEdgeKind::DeadLetter: return tr("dead-letter route");
    case FlowEdgeKind::Delivery: return tr("deliveries");
    }
    return {};
}

QString FlowText::edgeCount(const FlowEdge &edge)
{
    return QLocale().toString(edge.count);
}

QString FlowText::samplingNote(int sampleEvery, int droppedTokens)
{
    QStringList parts;
    if (sampleEvery > 1)
        parts.append(tr("Moving dots: showing 1 in %1 messages (the broker traces a sample past its budget); "
                        "the counters on the arrows are exact.").arg(QLocale().toString(sampleEvery)));
    if (droppedTokens > 0)
        parts.append(tr("%Ln message(s) not animated: too many at once.", nullptr, droppedTokens));
    return parts.join(QLatin1Char(' '));
}

QString FlowText::routeSummary(const observe::RouteExplanation &explanation, bool returned, bool dropped)
{
    QStringList lines;
    for (const observe::ExchangeVisit &visit : explanation.visits) {
        for (const observe::BindingVerdict &b : visit.bindings) {
            if (!b.matched)
                continue;
            const QString destination = b.toExchange ? tr("exchange '%1'").arg(QString::fromUtf8(b.destination))
                                                     : tr("queue '%1'").arg(QString::fromUtf8(b.destination));
            const QString type = QString::fromUtf8(visit.type);
            if (b.rule == observe::BindingRule::HeaderMatch)
                lines.append(tr("%1 binding (%2) matched the headers: to %3")
                                 .arg(type, bindingLabel(type, {}, b.arguments), destination));
            else if (b.rule == observe::BindingRule::Fanout)
                lines.append(tr("fanout binding: to %1").arg(destination));
            else
                lines.append(tr("%1 binding %2 matched %3: to %4")
                                 .arg(type, QString::fromUtf8(b.bindingKey), QString::fromUtf8(b.matchedKey), destination));
        }
    }
    if (explanation.isUnroutable()) {
        if (returned)
            lines.append(tr("no binding matched: returned to the publisher"));
        else if (dropped)
            lines.append(tr("no binding matched: dropped"));
        else if (!explanation.visits.isEmpty())
            lines.append(RouteExplanationText::outcome(explanation.visits.constLast()));
    }
    return lines.join(QLatin1Char('\n'));
}

QString FlowText::hiddenNote(int hidden, int cap)
{
    if (hidden <= 0)
        return {};
    return tr("%Ln node(s) hidden: only the %1 busiest are drawn.", nullptr, hidden).arg(QLocale().toString(cap));
}

} // namespace warren::ui
