// The broker a lesson runs on, beside the user's own: a second embedded broker on a
// temporary data directory and its own port (5672 when nothing holds it, else one the kernel
// picks), on 127.0.0.1 only. The user's broker, data and applications are never touched;
// the directory is removed with this object.
#pragma once

#include "BrokerConfig.h"
#include "BrokerController.h"

#include <QObject>
#include <QTemporaryDir>

#include <functional>

namespace warren::lesson {

class ScratchBroker : public QObject {
    Q_OBJECT
public:
    explicit ScratchBroker(QObject *parent = nullptr);
    ~ScratchBroker() override;

    // Starts it; started() or failed() follows.
    void start();
    // Stops it as SIGTERM does and starts it again on the same directory and port (what a
    // lesson on durability needs); `done` runs once it listens again, or with an error.
    void restart(std::function<void(const QString &error)> done);

    BrokerController &controller() { return controller_; }
    quint16 port() const { return config_.port; }
    // amqp://guest:guest@127.0.0.1:PORT/ : the broker the lesson's code talks to.
    QString url() const;

    // 5672 when free on 127.0.0.1, else a free port.
    static quint16 choosePort();
    static quint16 freePort();

signals:
    void started();
    void failed(const QString &error);

private:
    QTemporaryDir dataDir_;
    BrokerConfig config_;
    BrokerController controller_;
};

} // namespace warren::lesson
