// A simulated producer's routing key or body: literal text with placeholders, from a small
// closed grammar (anything else is an error, reported with its position):
//
//   {n}             the message number, from 1
//   {n%K}           the message number modulo K (K >= 1): for K = 3, 1 2 0 1 2 0 ...
//   {choice:a|b|c}  one of the options, in turn by message number: a b c a b c ...
//                   (deterministic, so a run can be repeated and explained; options may be
//                   empty, braces and '|' cannot appear in them)
//   {uuid}          a new random UUID, without braces
//   {{  }}          a literal brace
//
// Parsed once when the producer is added, rendered for every message.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace warren::sim {

struct TemplateError {
    enum class Kind {
        UnclosedBrace,        // '{' without its '}'
        StrayClosingBrace,    // '}' that closes nothing (write '}}' for a literal one)
        UnknownPlaceholder,   // {something} outside the grammar
        BadModulus,           // {n%K} with K not a whole number >= 1
        NoChoices,            // {choice:} with nothing to choose
    };
    Kind kind = Kind::UnclosedBrace;
    int position = 0;     // index of the offending character, from 0
    QString placeholder;  // the text between the braces, where there is one
};

class TextTemplate {
public:
    // nullopt, and `error` when given, for text outside the grammar.
    static std::optional<TextTemplate> parse(const QString &text, TemplateError *error = nullptr);

    // The text for message number `n` (from 1).
    QString render(quint64 n) const;

private:
    struct Part {
        enum class Kind { Literal, Number, Modulo, Choice, Uuid };
        Kind kind = Kind::Literal;
        QString literal;
        quint64 modulus = 1;
        QStringList choices;
    };
    // The placeholder between braces, or nullopt (and `error`) when it is not one.
    static std::optional<Part> placeholder(const QString &inside, int position, TemplateError *error);

    QList<Part> parts_;
};

} // namespace warren::sim
