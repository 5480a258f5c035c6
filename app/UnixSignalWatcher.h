// Turns SIGINT and SIGTERM into a Qt signal, via the self-pipe trick: the handler only
// writes a byte, and a QSocketNotifier reads it in the event loop.
#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

class UnixSignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    static void handle(int signalNumber);
    std::unique_ptr<QSocketNotifier> notifier_;
};
