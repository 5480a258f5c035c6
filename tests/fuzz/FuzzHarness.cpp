#include "FuzzHarness.h"

#include <QLoggingCategory>

namespace warren::fuzz {

// From 127.0.0.1: guest may log in.
FuzzConnection::FuzzConnection(server::ServerContext &context)
    : connection(context, transport, server::PeerInfo::loopback())
{
}

void FuzzConnection::feed(QByteArrayView bytes)
{
    if (transport.closed)
        return;
    pending += bytes;
    pending.remove(0, connection.receive(pending));
    connection.output().takeAll();
    connection.outputWritten();
}

void FuzzConnection::feedInReads(QByteArrayView bytes, qsizetype step)
{
    for (qsizetype at = 0; at < bytes.size() && !transport.closed; at += step)
        feed(bytes.sliced(at, qMin(step, bytes.size() - at)));
}

void silenceLogs()
{
    QLoggingCategory::setFilterRules(QStringLiteral("warren.*=false"));
}

} // namespace warren::fuzz
