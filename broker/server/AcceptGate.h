// Whether the listeners take new connections. At RabbitMQ's connection_max its listener
// stops accepting (Ranch's max_connections): connections beyond it wait unanswered in the
// kernel's backlog until one closes. Warren does the same at --max-connections, and at a
// budget of descriptors that keeps room for the broker's own files (RabbitMQ's file
// handle cache keeps some too). When accept() fails anyway (EMFILE, ENFILE, ENOBUFS), it
// pauses and tries again, as Ranch's acceptor does, rather than stop or spin on the error.
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace warren::server {

class Listener;

class AcceptGate : public QObject {
    Q_OBJECT
public:
    static constexpr int kRetryAfterErrorMs = 100;   // Ranch's pause on emfile

    // maxConnections: 0 for no limit of its own. descriptorLimit: the process's
    // RLIMIT_NOFILE, of which connections may take all but a reserve.
    AcceptGate(int maxConnections, qint64 descriptorLimit, QObject *parent = nullptr);

    // Raises the soft RLIMIT_NOFILE to the hard one (each connection costs a descriptor);
    // returns the limit then in force.
    static qint64 raiseDescriptorLimit();

    // For the listeners.
    void addListener(Listener *listener);
    bool isAccepting() const { return accepting_; }
    // A connection was accepted: it counts until `connection` is destroyed.
    void accepted(QObject *connection);
    void acceptFailed(const QString &reason);

    int limit() const { return limit_; }
    int openConnections() const { return open_; }

private:
    void update();
    void warn(const QString &text);   // at most one warning per 10 s: errors repeat while they last

    QList<QPointer<Listener>> listeners_;
    int limit_;
    int open_ = 0;
    bool accepting_ = true;
    QTimer retry_;   // after an accept error
    QElapsedTimer lastWarning_;
};

} // namespace warren::server
