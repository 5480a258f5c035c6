// A client for tests of the server's connection code without sockets: it encodes methods
// with the codec, feeds them to a server::Connection through an in-memory transport, and
// decodes what the connection answered. Used by tst_connection and tst_eventtap.
//
// A Client runs a broker (ServerContext) of its own, or joins one that the test owns, so
// that several connections can share queues (one consumer's connection lost, another's
// redelivery).
#pragma once

#include "protocol/BasicProperties.h"
#include "protocol/FrameReader.h"
#include "protocol/FrameWriter.h"
#include "server/Connection.h"
#include "server/ServerContext.h"

#include <QtTest>

#include <memory>

namespace warren::testing {

class MemoryTransport : public server::ConnectionTransport {
public:
    void outputReady() override {}
    void closeTransport() override { closed = true; }
    void closeAfter(int ms) override { closeAfterMs = ms; }
    void setReading(bool on) override { reading = on; }
    bool closed = false;
    bool reading = true;
    int closeAfterMs = -1;   // the last closeAfter's grace; -1: never asked
};

struct Received {
    amqp::Frame frame;
    QByteArray payload;   // owns the bytes frame.payload points into
    amqp::MethodId method() const
    {
        return frame.type == amqp::FrameType::Method ? amqp::ByteReader(payload).u32() : 0;
    }
};

class Client {
public:
    // A client with a broker of its own.
    Client()
        : own_(std::make_unique<server::ServerContext>()), context(*own_),
          connection(context, transport, server::PeerInfo::loopback())
    {
    }
    // Another client of the test's broker, which must outlive it.
    explicit Client(server::ServerContext &shared) : context(shared), connection(context, transport, server::PeerInfo::loopback()) {}

    template <class M> void send(std::uint16_t channel, const M &m) { writer.method(channel, m); }
    void sendContent(std::uint16_t channel, const QByteArray &properties, const QByteArray &body)
    {
        writer.content(channel, properties, body);
    }
    // basic.publish with its content, sent at the next flush().
    void publish(std::uint16_t channel, const QByteArray &exchange, const QByteArray &routingKey,
                 const QByteArray &body, const amqp::BasicProperties &properties = {}, bool mandatory = false)
    {
        send(channel, amqp::BasicPublish{0, exchange, routingKey, mandatory, false});
        sendContent(channel, properties.encode(), body);
    }
    void flush(QByteArray prefix = {})
    {
        const QByteArray bytes = prefix + out.takeAll();
        QCOMPARE(connection.receive(bytes), bytes.size());
    }
    QList<Received> replies()
    {
        QList<Received> frames;
        QByteArray bytes = connection.output().takeAll();
        while (!bytes.isEmpty()) {
            const amqp::FrameParse p = amqp::parseFrame(bytes, 0);
            if (p.status != amqp::FrameStatus::Complete)
                break;
            Received r{p.frame, p.frame.payload.toByteArray()};
            r.frame.payload = r.payload;
            frames.append(r);
            bytes.remove(0, p.consumed);
        }
        return frames;
    }
    template <class M> M decode(const Received &r)
    {
        M m;
        amqp::ByteReader in(QByteArrayView(r.payload).sliced(4));
        amqp::decodeMethodArguments(in, m);
        return m;
    }
    // Protocol header, start-ok (with these client_properties), tune-ok, open of `vhost`,
    // and channel 1.
    void handshake(const amqp::FieldTable &clientProperties = {}, const QByteArray &vhost = "/")
    {
        flush(QByteArray(amqp::kProtocolHeader, sizeof amqp::kProtocolHeader));
        replies();
        send(0, amqp::ConnectionStartOk{clientProperties, "PLAIN", QByteArray("\0guest\0guest", 12), "en_US"});
        send(0, amqp::ConnectionTuneOk{2047, 131072, 0});
        send(0, amqp::ConnectionOpen{vhost, {}, false});
        send(1, amqp::ChannelOpen{});
        flush();
        replies();
    }
    model::Queue *queue(const QByteArray &name) { return context.vhost("/")->findQueue(name); }

private:
    std::unique_ptr<server::ServerContext> own_;   // first: the connection uses it

public:
    server::ServerContext &context;
    MemoryTransport transport;
    server::Connection connection;
    amqp::OutputBuffer out;
    amqp::FrameWriter writer{out};
};

inline QList<amqp::MethodId> methodsOf(const QList<Received> &frames)
{
    QList<amqp::MethodId> ids;
    for (const Received &r : frames) {
        if (r.method())
            ids.append(r.method());
    }
    return ids;
}

} // namespace warren::testing
