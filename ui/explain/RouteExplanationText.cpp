#include "RouteExplanationText.h"

#include "format/FieldTableText.h"

namespace warren::ui {

using observe::BindingRule;
using observe::BindingVerdict;
using observe::ExchangeVisit;

namespace {

QString text(const QByteArray &bytes) { return QString::fromUtf8(bytes); }

QString quoted(const QByteArray &bytes) { return QLatin1Char('\'') + text(bytes) + QLatin1Char('\''); }

} // namespace

QString RouteExplanationText::exchangeName(const QByteArray &name)
{
    return name.isEmpty() ? tr("(default exchange)") : quoted(name);
}

QString RouteExplanationText::visit(const ExchangeVisit &v)
{
    const QString head = tr("exchange %1 (%2)").arg(exchangeName(v.exchange), text(v.type));
    switch (v.how) {
    case observe::Cause::ExchangeBinding:
        return tr("%1: reached through a binding of exchange %2").arg(head, exchangeName(v.from));
    case observe::Cause::AlternateExchange:
        return tr("%1: alternate exchange of %2, where no binding matched").arg(head, exchangeName(v.from));
    default:
        return tr("%1: the message is published here").arg(head);
    }
}

QString RouteExplanationText::binding(const BindingVerdict &v)
{
    QString to = v.toExchange ? tr("to exchange %1").arg(quoted(v.destination))
                              : tr("to queue %1").arg(quoted(v.destination));
    if (v.rule == BindingRule::DefaultQueue)
        to = tr("to queue %1 (the default exchange's own binding)").arg(quoted(v.destination));
    else if (v.rule == BindingRule::DirectKey || v.rule == BindingRule::TopicPattern)
        to = tr("%1 with key %2").arg(to, quoted(v.bindingKey));
    if (v.proposed)
        to = tr("%1 (this new binding)").arg(to);
    if (!v.destinationExists)
        to = tr("%1 (does not exist yet)").arg(to);
    return to;
}

namespace {

QString topicReason(const BindingVerdict &v)
{
    QStringList parts;
    for (const observe::TopicStep &s : v.topic) {
        const QString p = quoted(s.patternWord), k = quoted(s.keyWords);
        if (s.ok) {
            if (s.patternWord == "#")
                parts.append(s.keyWords.isEmpty() ? RouteExplanationText::tr("'#' took no word")
                                                  : RouteExplanationText::tr("'#' took %1").arg(k));
            else if (s.patternWord == "*")
                parts.append(RouteExplanationText::tr("'*' took %1").arg(k));
            else
                parts.append(RouteExplanationText::tr("%1 = %2").arg(p, k));
        } else if (s.patternWord.isEmpty()) {
            parts.append(RouteExplanationText::tr("the pattern ends but the key goes on with %1").arg(k));
        } else if (s.keyWords.isEmpty()) {
            parts.append(RouteExplanationText::tr("the key ends where the pattern wants %1").arg(p));
        } else {
            parts.append(RouteExplanationText::tr("%1 ≠ %2").arg(p, k));
        }
    }
    if (parts.isEmpty())   // an empty pattern against an empty key
        parts.append(RouteExplanationText::tr("both are empty"));
    return parts.join(QStringLiteral(", "));
}

QString headerReason(const BindingVerdict &v)
{
    QStringList parts;
    for (const observe::HeaderCheck &h : v.headers) {
        const QString name = text(h.name);
        const QString expected = describeValue(h.expected);
        if (h.ignored)
            parts.append(RouteExplanationText::tr("%1 ignored (x- arguments count only with %2-with-x)")
                             .arg(name, v.matchMode.startsWith("any") ? QStringLiteral("any") : QStringLiteral("all")));
        else if (!h.present)
            parts.append(RouteExplanationText::tr("no header %1").arg(name));
        else if (h.expected.isVoid())
            parts.append(RouteExplanationText::tr("%1 present").arg(name));
        else if (h.held)
            parts.append(RouteExplanationText::tr("%1 = %2").arg(name, expected));
        else
            parts.append(RouteExplanationText::tr("%1 is %2, not %3").arg(name, describeValue(h.actual), expected));
    }
    const QString mode = RouteExplanationText::tr("x-match %1").arg(text(v.matchMode));
    return parts.isEmpty() ? RouteExplanationText::tr("%1, no conditions").arg(mode)
                           : mode + QStringLiteral(": ") + parts.join(QStringLiteral(", "));
}

} // namespace

QString RouteExplanationText::reason(const BindingVerdict &v)
{
    switch (v.rule) {
    case BindingRule::Fanout:
        return tr("a fanout exchange sends to every binding");
    case BindingRule::DefaultQueue:
        return v.destinationExists ? tr("the routing key names this queue")
                                   : tr("no queue is named %1").arg(quoted(v.destination));
    case BindingRule::DirectKey:
        if (v.matched)
            return v.matchedKey == v.bindingKey ? tr("the routing key equals the binding key")
                                                : tr("the CC/BCC key %1 equals the binding key").arg(quoted(v.matchedKey));
        return tr("the routing key is not %1").arg(quoted(v.bindingKey));
    case BindingRule::TopicPattern:
        return topicReason(v);
    case BindingRule::HeaderMatch:
        return headerReason(v);
    }
    return {};
}

QString RouteExplanationText::outcome(const ExchangeVisit &v)
{
    if (v.matchedAny)
        return {};
    if (v.alternateExchange.isEmpty())
        return v.bindings.isEmpty() ? tr("it has no bindings: the message goes nowhere from here")
                                    : tr("no binding matched: the message goes nowhere from here");
    if (v.alternateMissing)
        return tr("no binding matched, and its alternate exchange %1 does not exist").arg(quoted(v.alternateExchange));
    return tr("no binding matched: passed to its alternate exchange %1").arg(quoted(v.alternateExchange));
}

QString RouteExplanationText::plainText(const observe::RouteExplanation &e)
{
    QStringList lines;
    for (const ExchangeVisit &v : e.visits) {
        lines.append(visit(v));
        for (const BindingVerdict &b : v.bindings)
            lines.append(QStringLiteral("  %1 %2: %3").arg(b.matched ? QStringLiteral("✓") : QStringLiteral("✗"),
                                                          binding(b), reason(b)));
        if (const QString o = outcome(v); !o.isEmpty())
            lines.append(QStringLiteral("  ") + o);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace warren::ui
