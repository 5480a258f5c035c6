#include "VHostPermissions.h"

namespace warren::auth {

VHostPermissions::VHostPermissions(const QByteArray &configure, const QByteArray &write, const QByteArray &read)
    : patterns_{configure, write, read}, compiled_{compile(configure), compile(write), compile(read)}
{
}

VHostPermissions VHostPermissions::all()
{
    return {".*", ".*", ".*"};
}

// RabbitMQ hands Erlang's re binaries without the unicode option: pattern and name are
// bytes. Latin-1 maps each byte to one character, so "." matches one byte here too. An
// empty pattern is RabbitMQ's "^$". An invalid one (only a hand-edited file could hold one)
// matches nothing.
QRegularExpression VHostPermissions::compile(const QByteArray &pattern)
{
    return QRegularExpression(pattern.isEmpty() ? QStringLiteral("^$") : QString::fromLatin1(pattern));
}

bool VHostPermissions::allows(Access access, const QByteArray &name) const
{
    return compiled_[index(access)].match(QString::fromLatin1(name)).hasMatch();
}

QString VHostPermissions::patternError(const QByteArray &pattern)
{
    const QRegularExpression compiled = compile(pattern);
    if (compiled.isValid())
        return {};
    return compiled.errorString() + QStringLiteral(" at offset ") + QString::number(compiled.patternErrorOffset());
}

} // namespace warren::auth
