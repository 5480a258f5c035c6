// A Connection over plain TCP. It works on the descriptor directly with QSocketNotifier,
// read() and sendmsg() instead of QTcpSocket: no extra copy through Qt's socket buffers,
// shared message bodies written straight from the OutputBuffer, and one system call per
// event-loop turn for everything a turn produced.
#pragma once

#include "SocketConnection.h"

#include <QSocketNotifier>

namespace warren::server {

class PlainSocketConnection final : public SocketConnection {
public:
    PlainSocketConnection(qintptr descriptor, ServerContext &context, QObject *parent = nullptr);
    ~PlainSocketConnection() override;

private:
    qsizetype readSome(char *into, qsizetype room) override;
    qsizetype writeSome(const iovec *iov, int count) override;
    void watchReadable(bool on) override { readNotifier_.setEnabled(on); }
    void watchWritable(bool on) override { writeNotifier_.setEnabled(on); }
    void closeStream() override;

    int fd_;
    QSocketNotifier readNotifier_;
    QSocketNotifier writeNotifier_;
};

} // namespace warren::server
