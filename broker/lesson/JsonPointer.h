// JSON Pointers (RFC 6901) into QJsonValues: what a schema's $ref names, and what a lesson's
// deviation changes ("/clients/0/ack"). "" names the whole document.
#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

namespace warren::lesson::JsonPointer {

// A token for an object key: '~' and '/' escaped as ~0 and ~1.
QString escaped(QString key);
// The key a token names.
QString unescaped(QString token);

// The value `pointer` names in `root`, or nullopt when it names nothing.
std::optional<QJsonValue> resolve(const QJsonValue &root, const QString &pointer);

// Puts `value` where `pointer` names an existing value of `root` (RFC 6902 "replace"); false,
// and `root` unchanged, when it names nothing.
bool replace(QJsonValue &root, const QString &pointer, const QJsonValue &value);

} // namespace warren::lesson::JsonPointer
