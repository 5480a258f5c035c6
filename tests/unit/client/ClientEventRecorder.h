// Everything a client connection reported through its ClientEvents, in order: for tests of
// the client library (tst_clientconnection through an in-memory pipe, tst_clienttcp over
// TCP against Warren and RabbitMQ).
#pragma once

#include "client/ClientTypes.h"

#include <QList>
#include <QStringList>

#include <algorithm>
#include <utility>

namespace warren::testing {

struct Confirm {
    std::uint16_t channel;
    std::uint64_t tag;
    bool multiple;
    bool ack;
};

struct ClientEventRecorder {
    int opened = 0;
    QList<client::CloseReason> closed;
    QList<std::pair<std::uint16_t, client::CloseReason>> channelClosed;
    QList<client::Delivery> deliveries;
    QList<client::ReturnedMessage> returns;
    QList<Confirm> confirms;
    QList<QByteArray> cancelled;
    QList<std::pair<bool, QByteArray>> blocked;
    QStringList order;   // "delivered", and what the test adds: which came first

    // The highest publish sequence number the confirms covered so far.
    std::uint64_t confirmedUpTo() const
    {
        std::uint64_t upTo = 0;
        for (const Confirm &c : confirms)
            upTo = std::max(upTo, c.tag);
        return upTo;
    }
    bool allConfirmsAcks() const
    {
        return std::all_of(confirms.begin(), confirms.end(), [](const Confirm &c) { return c.ack; });
    }

    client::ClientEvents events()
    {
        client::ClientEvents e;
        e.opened = [this] { ++opened; };
        e.closed = [this](const client::CloseReason &r) { closed.append(r); };
        e.channelClosed = [this](std::uint16_t ch, const client::CloseReason &r) { channelClosed.append({ch, r}); };
        e.delivered = [this](const client::Delivery &d) {
            deliveries.append(d);
            order.append(QStringLiteral("delivered"));
        };
        e.returned = [this](const client::ReturnedMessage &m) { returns.append(m); };
        e.confirmed = [this](std::uint16_t ch, std::uint64_t tag, bool multiple, bool ack) {
            confirms.append({ch, tag, multiple, ack});
        };
        e.consumerCancelled = [this](std::uint16_t, const QByteArray &tag) { cancelled.append(tag); };
        e.blocked = [this](bool on, const QByteArray &reason) { blocked.append({on, reason}); };
        return e;
    }
};

} // namespace warren::testing
