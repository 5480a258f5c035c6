#include "FuzzHarness.h"

#include <QLoggingCategory>

namespace warren::fuzz {

namespace {
server::PeerInfo loopbackPeer()
{
    server::PeerInfo peer;
    peer.address = QHostAddress(QHostAddress::LocalHost);
    peer.localAddress = peer.address;   // guest logs in over a loopback address only
    return peer;
}
} // namespace

FuzzConnection::FuzzConnection(server::ServerContext &context) : connection(context, transport, loopbackPeer()) {}

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
