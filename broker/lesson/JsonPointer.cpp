#include "JsonPointer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace warren::lesson::JsonPointer {

namespace {

// The reference tokens of `pointer`, unescaped; nullopt for one that does not start with '/'.
std::optional<QStringList> tokensOf(const QString &pointer)
{
    if (pointer.isEmpty())
        return QStringList();
    if (!pointer.startsWith(u'/'))
        return std::nullopt;
    QStringList tokens = pointer.mid(1).split(u'/');
    for (QString &token : tokens)
        token = unescaped(token);
    return tokens;
}

// The index `token` names in an array of `size`: only the canonical spelling ("01", "+1"
// and " 1" name nothing).
std::optional<qsizetype> indexOf(const QString &token, qsizetype size)
{
    bool ok = false;
    const qsizetype index = token.toLongLong(&ok);
    if (ok && index >= 0 && index < size && token == QString::number(index))
        return index;
    return std::nullopt;
}

// The member or item `token` names in `container`.
std::optional<QJsonValue> step(const QJsonValue &container, const QString &token)
{
    if (container.isObject() && container.toObject().contains(token))
        return container.toObject().value(token);
    if (!container.isArray())
        return std::nullopt;
    const QJsonArray array = container.toArray();
    if (const std::optional<qsizetype> index = indexOf(token, array.size()))
        return array.at(*index);
    return std::nullopt;
}

// QJsonValue is a value: the change is made on the way back up, a copy per level.
bool replaceIn(QJsonValue &at, const QStringList &tokens, qsizetype depth, const QJsonValue &value)
{
    if (depth == tokens.size()) {
        at = value;
        return true;
    }
    std::optional<QJsonValue> inner = step(at, tokens.at(depth));
    if (!inner || !replaceIn(*inner, tokens, depth + 1, value))
        return false;
    if (at.isObject()) {
        QJsonObject object = at.toObject();
        object.insert(tokens.at(depth), *inner);
        at = object;
    } else {
        QJsonArray array = at.toArray();
        array.replace(*indexOf(tokens.at(depth), array.size()), *inner);
        at = array;
    }
    return true;
}

} // namespace

QString escaped(QString key)
{
    return key.replace(u'~', QStringLiteral("~0")).replace(u'/', QStringLiteral("~1"));
}

// ~1 first, so that "~01" is "~1" and not "/".
QString unescaped(QString token)
{
    return token.replace(QStringLiteral("~1"), QStringLiteral("/")).replace(QStringLiteral("~0"), QStringLiteral("~"));
}

std::optional<QJsonValue> resolve(const QJsonValue &root, const QString &pointer)
{
    const std::optional<QStringList> tokens = tokensOf(pointer);
    if (!tokens)
        return std::nullopt;
    std::optional<QJsonValue> at = root;
    for (qsizetype i = 0; at && i < tokens->size(); ++i)
        at = step(*at, tokens->at(i));
    return at;
}

bool replace(QJsonValue &root, const QString &pointer, const QJsonValue &value)
{
    const std::optional<QStringList> tokens = tokensOf(pointer);
    QJsonValue changed = root;
    if (!tokens || !replaceIn(changed, *tokens, 0, value))
        return false;
    root = changed;
    return true;
}

} // namespace warren::lesson::JsonPointer
