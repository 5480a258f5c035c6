// The requests an RPC client has sent and not yet had answered, by correlation_id: a reply is
// counted only when it answers one of them, once (RabbitMQ's tutorial 6 checks the same). A
// correlation_id is unpredictable (QUuid), as the tutorial's uuid4.
#pragma once

#include <QByteArray>
#include <QSet>

namespace warren::sim {

class RpcRequests {
public:
    // A new request's correlation_id.
    QByteArray add();
    // Whether `correlationId` answers an unanswered request; counted when it does.
    bool answer(const QByteArray &correlationId);
    quint64 answered() const { return answered_; }
    qsizetype unanswered() const { return pending_.size(); }
    // A new connection: replies to the old one's requests would go to its queue, now gone.
    void forgetPending() { pending_.clear(); }

private:
    QSet<QByteArray> pending_;
    quint64 answered_ = 0;
};

} // namespace warren::sim
