#include "TextTemplate.h"

#include <QUuid>

#include <utility>

namespace warren::sim {

namespace {

std::nullopt_t fail(TemplateError *error, TemplateError::Kind kind, int position, const QString &placeholder = {})
{
    if (error)
        *error = TemplateError{kind, position, placeholder};
    return std::nullopt;
}

} // namespace

std::optional<TextTemplate> TextTemplate::parse(const QString &text, TemplateError *error)
{
    TextTemplate result;
    QString literal;
    const auto flushLiteral = [&] {
        if (!literal.isEmpty())
            result.parts_.append(Part{Part::Kind::Literal, std::exchange(literal, {})});
    };
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const bool doubled = i + 1 < text.size() && text.at(i + 1) == c;
        if ((c == u'{' || c == u'}') && doubled) {
            literal.append(c);
            ++i;
        } else if (c == u'}') {
            return fail(error, TemplateError::Kind::StrayClosingBrace, i);
        } else if (c == u'{') {
            const int close = text.indexOf(u'}', i + 1);
            const int nextOpen = text.indexOf(u'{', i + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
                return fail(error, TemplateError::Kind::UnclosedBrace, i);
            const std::optional<Part> part = placeholder(text.mid(i + 1, close - i - 1), i, error);
            if (!part)
                return std::nullopt;
            flushLiteral();
            result.parts_.append(*part);
            i = close;
        } else {
            literal.append(c);
        }
    }
    flushLiteral();
    return result;
}

std::optional<TextTemplate::Part> TextTemplate::placeholder(const QString &inside, int position, TemplateError *error)
{
    if (inside == u"n")
        return Part{Part::Kind::Number};
    if (inside == u"uuid")
        return Part{Part::Kind::Uuid};
    if (inside.startsWith(u"n%")) {
        bool ok = false;
        const quint64 modulus = inside.mid(2).toULongLong(&ok);
        // toULongLong accepts signs and spaces; the grammar takes digits only.
        const bool digits = !inside.mid(2).isEmpty() && inside.mid(2).front().isDigit();
        if (!ok || !digits || modulus == 0)
            return fail(error, TemplateError::Kind::BadModulus, position, inside);
        return Part{Part::Kind::Modulo, {}, modulus};
    }
    if (inside.startsWith(u"choice:")) {
        const QString options = inside.mid(7);
        if (options.isEmpty())
            return fail(error, TemplateError::Kind::NoChoices, position, inside);
        return Part{Part::Kind::Choice, {}, 1, options.split(u'|')};
    }
    return fail(error, TemplateError::Kind::UnknownPlaceholder, position, inside);
}

QString TextTemplate::render(quint64 n) const
{
    QString out;
    for (const Part &part : parts_) {
        switch (part.kind) {
        case Part::Kind::Literal:
            out += part.literal;
            break;
        case Part::Kind::Number:
            out += QString::number(n);
            break;
        case Part::Kind::Modulo:
            out += QString::number(n % part.modulus);
            break;
        case Part::Kind::Choice:
            out += part.choices.at(qsizetype((n == 0 ? 0 : n - 1) % quint64(part.choices.size())));
            break;
        case Part::Kind::Uuid:
            out += QUuid::createUuid().toString(QUuid::WithoutBraces);
            break;
        }
    }
    return out;
}

} // namespace warren::sim
