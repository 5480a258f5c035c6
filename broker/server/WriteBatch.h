// Collects the connections that got output while one connection's input was processed, and
// writes them all when that processing ends: a publisher's read of thousands of messages
// leaves as one writev() per consumer, without a round trip through the event loop.
// Output produced outside a batch (timers, the GUI's commands) is written by a queued call.
#pragma once

#include <QPointer>

#include <vector>

namespace warren::server {

class SocketConnection;

class WriteBatch {
public:
    WriteBatch();
    ~WriteBatch();   // writes every connection added
    WriteBatch(const WriteBatch &) = delete;
    WriteBatch &operator=(const WriteBatch &) = delete;

    // Adds a connection to this thread's open batch; false when no batch is open.
    static bool add(SocketConnection *connection);

private:
    std::vector<QPointer<SocketConnection>> connections_;
    WriteBatch *outer_;
};

} // namespace warren::server
