// The AMQP connection of one simulated client, one per start: a TcpClient that names itself
// after the client (connection_name), is reopened when the broker drops it (a restart), and
// opens its channels (one, or several sessions in one connection) and declares the client's
// queue on the first before handing over to its owner (again after every reconnect). A request the broker refuses ends the connection with the
// broker's own reply as the error ("406 PRECONDITION_FAILED - inequivalent arg 'durable' ...").
//
// Events of a connection its owner has let go of (retire) are not reported: the owner has
// started a new one, or is gone.
#pragma once

#include "sim/SimulationTypes.h"

#include "client/ClientConnection.h"

#include <QList>
#include <QObject>

#include <functional>
#include <memory>

namespace warren::client {
class TcpClient;
}

namespace warren::sim {

class SimConnection : public QObject {
    Q_OBJECT
public:
    struct Handlers {
        // The channel is open and the queue declared. Again after each reconnect.
        std::function<void()> ready;
        std::function<void(const client::Delivery &)> delivered;
        std::function<void(const client::ReturnedMessage &)> returned;
        std::function<void(std::uint64_t tag, bool multiple, bool ack)> confirmed;
        std::function<void(bool blocked)> blocked;
        // The connection ended: `error` is empty after a close the owner asked for;
        // `reconnecting` when it is being opened again.
        std::function<void(const QString &error, bool reconnecting)> lost;
    };
    struct Target {
        QString url;
        QString name;                 // connection_name
        int heartbeatSeconds = 60;
        QueueDeclaration queue;
        QString exchange;             // the producer's, for the queue's binding
        int channels = 1;
    };

    SimConnection(Target target, Handlers handlers, QObject *parent = nullptr);
    ~SimConnection() override;

    // False, and `error`, for a URL that is not amqp://.
    bool open(QString *error);
    client::ClientConnection &amqp();
    // The first channel, where the queue was declared; all of them, in the order opened.
    std::uint16_t channel() const { return channels_.value(0); }
    const QList<std::uint16_t> &channels() const { return channels_; }
    bool isReady() const { return ready_; }

    // Sends a synchronous method on a channel (by default the first) and goes on with `next`
    // when it is answered (unless retired by then); when the broker refuses, the connection
    // ends with its reply.
    template <class M> void call(const M &method, std::function<void(const client::Reply &)> next, std::uint16_t channel = 0)
    {
        amqp().call(channel ? channel : this->channel(), method, [this, next = std::move(next)](const client::Reply &reply) {
            // Retired (its owner may be gone), or the whole connection ended, which
            // onClosed reports.
            if (closing_ || amqp().state() == client::ConnectionState::Closed)
                return;
            if (reply.ok())
                next(reply);
            else
                fail(replyError(reply.replyCode, reply.replyText));
        });
        flush();
    }
    void flush();

    // Lets go of the connection: no more events; closed cleanly (connection.close), then
    // deleted. A hung connection is aborted instead, since it no longer reads. Until then
    // it belongs to its client's parent.
    void retire();
    // The simulator's failures (TcpClient::crash, TcpClient::hang). The owner retires a
    // crashed connection itself.
    void crash();
    void hang();

    // "406 PRECONDITION_FAILED - ...", or the text alone when there is no code (a socket
    // error).
    static QString replyError(std::uint16_t code, const QByteArray &text);

private:
    client::ClientEvents events();
    void onOpened();
    void openChannel();
    void declareQueue();
    void bindQueue();
    void becomeReady();
    void onClosed(const client::CloseReason &reason);
    // Ends the connection with `error`, without reconnecting.
    void fail(const QString &error);
    void setReconnect(bool on);

    Target target_;
    Handlers handlers_;
    std::unique_ptr<client::TcpClient> client_;
    QList<std::uint16_t> channels_;
    bool ready_ = false;
    bool closing_ = false;   // asked to close: the end is not a loss
    bool hung_ = false;
    bool opened_ = false;      // at least once
    bool reconnect_ = false;   // as told to the TcpClient
    QString failure_;        // why fail() closed it
};

} // namespace warren::sim
