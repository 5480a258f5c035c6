// When the broker's listener accepts, over real loopback sockets (no threads):
// - at the connection limit new connections wait unanswered in the backlog, as with
//   RabbitMQ's connection_max, and the oldest one is served as soon as a connection closes;
// - when accept() fails for lack of descriptors (EMFILE, provoked by lowering this process's
//   RLIMIT_NOFILE), accepting resumes once descriptors are free again, instead of stopping
//   for good (or, after one error, failing at every empty backlog) as a QTcpServer does;
// - the limit leaves a reserve of descriptors for files.
#include "LoopbackListener.h"

#include <QtTest>

#include <memory>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace warren;

namespace {

// A client that connects (the kernel completes that without an accept) and sends the
// protocol header; greeted() once the broker answered with connection.start.
class RawClient {
public:
    explicit RawClient(quint16 port) : fd_(testing::connectLoopback(port))
    {
        connected_ = fd_ >= 0 && ::send(fd_, "AMQP\0\0\x09\x01", 8, MSG_NOSIGNAL) == 8;
    }
    ~RawClient() { close(); }
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    bool isConnected() const { return connected_; }
    bool greeted() const
    {
        char byte;
        return fd_ >= 0 && ::recv(fd_, &byte, 1, MSG_DONTWAIT | MSG_PEEK) == 1;
    }
    void close()
    {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_;
    bool connected_ = false;
};

// The broker side, and clients connected to it.
struct Server : testing::LoopbackListener {
    using LoopbackListener::LoopbackListener;
    std::vector<std::unique_ptr<RawClient>> connect(int count)
    {
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < count; ++i) {
            clients.push_back(std::make_unique<RawClient>(listener->serverPort()));
            if (!clients.back()->isConnected())
                qFatal("cannot connect to the test listener");
        }
        return clients;
    }
};

// Lowers the soft RLIMIT_NOFILE to the lowest free descriptor number: no new descriptor
// can be had until restore().
class DescriptorDrought {
public:
    DescriptorDrought()
    {
        ::getrlimit(RLIMIT_NOFILE, &saved_);
        const int lowestFree = ::dup(0);
        ::close(lowestFree);
        rlimit dry = saved_;
        dry.rlim_cur = rlim_t(lowestFree);
        active_ = ::setrlimit(RLIMIT_NOFILE, &dry) == 0;
    }
    ~DescriptorDrought() { restore(); }
    bool isActive() const { return active_; }
    void restore()
    {
        if (active_)
            ::setrlimit(RLIMIT_NOFILE, &saved_);
        active_ = false;
    }

private:
    rlimit saved_{};
    bool active_ = false;
};

} // namespace

class AcceptGateTest : public QObject {
    Q_OBJECT
private slots:
    void waitsAtTheConnectionLimit();
    void acceptsAgainAfterDescriptorsRanOut();
    void keepsDescriptorsForFiles();
};

void AcceptGateTest::waitsAtTheConnectionLimit()
{
    Server s(2, 1 << 20);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("2 connections open, the limit")));
    auto clients = s.connect(4);
    QTRY_VERIFY(clients[0]->greeted() && clients[1]->greeted());
    QTest::qWait(300);
    QVERIFY(!clients[2]->greeted());
    QVERIFY(!clients[3]->greeted());
    QCOMPARE(s.gate.openConnections(), 2);
    QCOMPARE(s.context.connections().size(), size_t(2));

    clients[0]->close();   // the broker sees the end, and takes the next in line
    QTRY_VERIFY(clients[2]->greeted());
    QTest::qWait(200);
    QVERIFY(!clients[3]->greeted());
    QCOMPARE(s.gate.openConnections(), 2);
}

void AcceptGateTest::acceptsAgainAfterDescriptorsRanOut()
{
    Server s(0, 1 << 20);
    auto clients = s.connect(3);   // their descriptors exist before the drought
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot accept connections \\(0 open\\)")));
    DescriptorDrought drought;
    QVERIFY(drought.isActive());
    QTest::qWait(300);   // several retries, all failing
    QCOMPARE(s.gate.openConnections(), 0);
    QVERIFY(!s.gate.isAccepting());

    drought.restore();
    QTRY_COMPARE(s.gate.openConnections(), 3);
    for (const auto &c : clients)
        QTRY_VERIFY(c->greeted());
    QVERIFY(s.gate.isAccepting());
}

void AcceptGateTest::keepsDescriptorsForFiles()
{
    QCOMPARE(server::AcceptGate(0, 1024, nullptr).limit(), 924);    // 100 kept, as RabbitMQ's 103
    QCOMPARE(server::AcceptGate(0, 128, nullptr).limit(), 64);      // never more than half
    QCOMPARE(server::AcceptGate(10, 1024, nullptr).limit(), 10);    // --max-connections below
    QCOMPARE(server::AcceptGate(5000, 1024, nullptr).limit(), 924); // ... or above the budget
    QVERIFY(server::AcceptGate::raiseDescriptorLimit() >= 64);
    rlimit now{};
    ::getrlimit(RLIMIT_NOFILE, &now);
    QCOMPARE(now.rlim_cur, now.rlim_max);   // raised to the hard limit
}

QTEST_GUILESS_MAIN(AcceptGateTest)
#include "tst_acceptgate.moc"
