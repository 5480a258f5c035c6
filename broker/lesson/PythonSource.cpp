#include "PythonSource.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <optional>

namespace warren::lesson::python {

namespace {

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

// Text for a docstring: nothing in it may end the docstring or start an escape.
QString docText(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    out.replace(QStringLiteral("\"\"\""), QStringLiteral("\\\"\\\"\\\""));
    return out;
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

} // namespace

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

// `text` in lines of at most `width` characters (longer words stay whole), each after `indent`.
QStringList wrapped(const QString &text, const QString &indent, int width)
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

} // namespace warren::lesson::python
