// A published message, shared by every queue it was routed to: routing to N queues copies
// a pointer, never the body. The encoded properties are kept exactly as the publisher sent
// them, so every delivery re-sends the same bytes.
#pragma once

#include <QByteArray>
#include <QList>
#include <QExplicitlySharedDataPointer>
#include <QSharedData>

#include <cstdint>

namespace warren::model {

class Message : public QSharedData {
public:
    QByteArray exchange;    // as published (shared with the exchange's own name)
    QByteArray routingKey;
    QList<QByteArray> ccKeys;    // from the CC header: more routing keys, visible to consumers
    QList<QByteArray> bccKeys;   // from the BCC header, which consumers do not see
    QByteArray properties;  // property flags + property list, as received
    QByteArray body;
    std::uint8_t deliveryMode = 0;   // 2 = persistent; 0 when the property is absent
    std::uint64_t storeId = 0;       // its record in the message store; 0 when not stored
    std::uint8_t priority = 0;
    std::uint64_t traceId = 0;       // the event tap follows it under this id; 0: not followed

    bool isPersistent() const { return deliveryMode == 2; }
    qsizetype bodySize() const { return body.size(); }
};

using MessageRef = QExplicitlySharedDataPointer<Message>;

} // namespace warren::model
