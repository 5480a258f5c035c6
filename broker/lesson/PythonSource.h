// Python source text for the lessons' pika scripts (PythonExport): string and value literals,
// comments wrapped to width, the simulator's message templates ({n}, {n%K}, {choice:a|b},
// {uuid}) as Python expressions, and the docstring every script starts with.
#pragma once

#include "lesson/Scenario.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace warren::lesson::python {

// A Python string literal: 'it''s' as 'it\'s'.
QString py(const QString &text);
QString pyBool(bool b);
// A JSON value (a queue's or binding's arguments) as a Python literal.
QString pyValue(const QJsonValue &v);
// `text` in lines of at most `width` characters (longer words stay whole), each after `indent`.
QStringList wrapped(const QString &text, const QString &indent, int width = 88);

// Whether a template has no placeholder.
bool isLiteral(const QString &text);
// A template as a Python expression of the message number `n`: 'Hello' stays a plain
// string, 'Hello {n}' becomes f'Hello {n}'.
QString pyTemplate(const QString &text);
// Whether the expression of a template needs `import uuid`.
bool usesUuid(const QString &text);

// The shebang and the docstring: what the script is, in which lesson, how to run it.
QStringList docstring(const Scenario &s, const QString &what, const QString &run);

} // namespace warren::lesson::python
