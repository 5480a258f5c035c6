#include "BindingMatch.h"

#include <QList>
#include <QStringList>

namespace warren::ui {

namespace {

QStringList words(const QString &key)
{
    return key.isEmpty() ? QStringList() : key.split(QLatin1Char('.'));
}

// x-match all/any; "-with-x" modes also compare the x- arguments.
bool headersMatch(const amqp::FieldTable &arguments, const amqp::FieldTable &headers)
{
    const amqp::FieldValue *mode = arguments.find("x-match");
    const QByteArray kind = mode ? mode->toBytes() : QByteArray("all");
    const bool any = kind.startsWith("any");
    const bool withX = kind.endsWith("-with-x");
    for (const auto &[key, expected] : arguments) {
        if (key == "x-match" || (!withX && key.startsWith("x-")))
            continue;
        const amqp::FieldValue *actual = headers.find(key);
        const bool ok = actual && (expected.isVoid() || *actual == expected);
        if (ok == any)
            return any;
    }
    return !any;
}

} // namespace

// Dynamic programming over (pattern word, key word): no backtracking blow-up on "#.#.#".
bool topicMatches(const QString &pattern, const QString &routingKey)
{
    const QStringList p = words(pattern);
    const QStringList k = words(routingKey);
    // row[j]: the first i pattern words match the first j key words.
    QList<bool> row(k.size() + 1, false);
    row[0] = true;
    for (const QString &word : p) {
        QList<bool> next(k.size() + 1, false);
        for (qsizetype j = 0; j <= k.size(); ++j) {
            if (word == QLatin1String("#"))
                next[j] = row[j] || (j > 0 && next[j - 1]);
            else if (j > 0)
                next[j] = row[j - 1] && (word == QLatin1String("*") || word == k[j - 1]);
        }
        row = next;
    }
    return row[k.size()];
}

bool bindingMatches(const QString &exchangeType, const QString &bindingKey, const amqp::FieldTable &arguments,
                    const QString &routingKey, const amqp::FieldTable &headers)
{
    if (exchangeType == QLatin1String("fanout"))
        return true;
    if (exchangeType == QLatin1String("topic"))
        return topicMatches(bindingKey, routingKey);
    if (exchangeType == QLatin1String("headers"))
        return headersMatch(arguments, headers);
    return bindingKey == routingKey;   // direct
}

} // namespace warren::ui
