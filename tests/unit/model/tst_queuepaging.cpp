// Unit tests of model::Queue's paging window, over an in-memory QueueStorage that counts
// what goes out and comes back (no files).
//
// Concerns:
//  - the window is in bytes (Queue::memoryCost: body, properties, routing key and a fixed
//    allowance per message): a backlog of a hundred thousand 1 KiB messages fits the
//    default window, so such a backlog is never paged; a backlog of empty messages is
//    bounded as well as one of large ones
//  - past the window the newest messages go out, the oldest stay; everything comes back in
//    order with its body; bytesInMemory() never exceeds the window after an enqueue
//  - narrowing the window pages out the newest until the rest fits; widening it pages
//    nothing back (messages come back as the head reaches them)
//  - requeue and purge keep the count of what is in memory exact
//  - a queue without storage keeps everything, whatever the window
//  - a virtual host gives its window to the queues it has and to those declared later; the
//    broker's context narrows every virtual host's window under the memory alarm (new ones
//    too) and widens it again when the alarm clears

#include "model/Queue.h"
#include "model/VHost.h"
#include "server/ServerContext.h"

#include <QHash>
#include <QtTest/QTest>

using namespace warren::model;

namespace {

MessageRef makeMessage(qsizetype size, int number)
{
    MessageRef m(new Message);
    m->routingKey = "paging";
    m->body = QByteArray::number(number).leftJustified(size, '.', true);
    return m;
}

// Pages out to a hash; counts both directions.
class MemoryStorage : public QueueStorage {
public:
    int pagedOut = 0;
    int pagedIn = 0;

    void delivered(const Queue &, std::uint64_t) override {}
    void removed(const Queue &, std::uint64_t id) override { records_.remove(id); }
    void queueDeleted(const Queue &) override {}
    void keep(Message &, const QList<quint64> &) override {}
    std::uint64_t pageOut(const Queue &, const Message &message) override
    {
        ++pagedOut;
        records_.insert(nextId_, MessageRef(new Message(message)));
        return nextId_++;
    }
    MessageRef pageIn(std::uint64_t id) override
    {
        ++pagedIn;
        return records_.value(id);
    }

private:
    QHash<std::uint64_t, MessageRef> records_;
    std::uint64_t nextId_ = 1;
};

struct PagingQueue {
    MemoryStorage storage;
    Queue queue{1, "q", QueueOptions{}, Clock::steady(), nullptr, &storage};

    void publish(int count, qsizetype size)
    {
        for (int i = 0; i < count; ++i)
            queue.enqueue(makeMessage(size, published++));
    }
    // Fetches everything: the bodies must come back numbered 0, 1, 2, ... in order.
    bool drainsInOrder(qsizetype size)
    {
        for (int i = 0; i < published; ++i) {
            const std::optional<QueueEntry> e = queue.fetch(true);
            if (!e || !e->message || e->message->body != makeMessage(size, i)->body)
                return false;
        }
        return queue.readyCount() == 0 && queue.messagesInMemory() == 0 && queue.bytesInMemory() == 0;
    }
    int published = 0;
};

const qint64 kCostOf1KiB = Queue::memoryCost(*makeMessage(1024, 0));

} // namespace

class tst_QueuePaging : public QObject {
    Q_OBJECT
private slots:
    void costCountsBodyPropertiesAndBookkeeping()
    {
        MessageRef m = makeMessage(1024, 0);
        m->properties = QByteArray(20, 'p');
        QCOMPARE(Queue::memoryCost(*m), 1024 + 20 + qint64(sizeof("paging") - 1) + Queue::kMessageOverheadBytes);
    }

    void aBacklogOfAHundredThousandKiBFitsTheDefaultWindow()
    {
        QVERIFY(Queue::kPagingWindowBytes >= 100'000 * kCostOf1KiB);
        PagingQueue p;
        p.publish(20'000, 1024);
        QCOMPARE(p.storage.pagedOut, 0);
        QCOMPARE(p.queue.messagesInMemory(), 20'000);
        QCOMPARE(p.queue.bytesInMemory(), 20'000 * kCostOf1KiB);
    }

    void pastTheWindowTheNewestGoOut()
    {
        PagingQueue p;
        p.queue.setPagingWindow(100 * kCostOf1KiB);
        p.publish(300, 1024);
        QCOMPARE(p.queue.readyCount(), 300);
        QCOMPARE(p.queue.messagesInMemory(), 100);
        QCOMPARE(p.queue.bytesInMemory(), 100 * kCostOf1KiB);
        QCOMPARE(p.storage.pagedOut, 200);
        // The oldest hundred are still in memory: fetching them reads nothing back.
        QVERIFY(p.drainsInOrder(1024));
        QCOMPARE(p.storage.pagedIn, 200);
    }

    void emptyMessagesAreBoundedToo()
    {
        PagingQueue p;
        p.queue.setPagingWindow(64 << 10);
        p.publish(10'000, 0);
        QVERIFY(p.queue.bytesInMemory() <= 64 << 10);
        QCOMPARE(p.queue.messagesInMemory(), qsizetype((64 << 10) / Queue::memoryCost(*makeMessage(0, 0))));
        QVERIFY(p.drainsInOrder(0));
    }

    void narrowingPagesOutTheNewest()
    {
        PagingQueue p;
        p.publish(50, 1024);
        QCOMPARE(p.storage.pagedOut, 0);
        p.queue.setPagingWindow(10 * kCostOf1KiB);
        QCOMPARE(p.queue.messagesInMemory(), 10);
        QCOMPARE(p.storage.pagedOut, 40);
        p.queue.setPagingWindow(Queue::kPagingWindowBytes);   // widening reads nothing back
        QCOMPARE(p.storage.pagedIn, 0);
        QCOMPARE(p.queue.messagesInMemory(), 10);
        QVERIFY(p.drainsInOrder(1024));
        QCOMPARE(p.storage.pagedIn, 40);
    }

    void requeueAndPurgeKeepTheCountExact()
    {
        PagingQueue p;
        p.publish(5, 1024);
        std::optional<QueueEntry> e = p.queue.fetch(false);
        QVERIFY(e);
        QCOMPARE(p.queue.bytesInMemory(), 4 * kCostOf1KiB);
        p.queue.requeue(std::move(*e));
        QCOMPARE(p.queue.messagesInMemory(), 5);
        QCOMPARE(p.queue.bytesInMemory(), 5 * kCostOf1KiB);
        QCOMPARE(p.queue.purge(), 5);
        QCOMPARE(p.queue.messagesInMemory(), 0);
        QCOMPARE(p.queue.bytesInMemory(), 0);
    }

    void withoutStorageNothingIsPaged()
    {
        Queue q(1, "q", QueueOptions{});
        q.setPagingWindow(0);
        for (int i = 0; i < 10; ++i)
            q.enqueue(makeMessage(1024, i));
        QCOMPARE(q.messagesInMemory(), 10);
    }

    void aVirtualHostsWindowReachesEveryQueue()
    {
        MemoryStorage storage;
        VHost vhost("/");
        vhost.setStorage(&storage);
        Queue *before = vhost.addQueue("before", QueueOptions{});
        vhost.setPagingWindow(10 * kCostOf1KiB);
        Queue *after = vhost.addQueue("after", QueueOptions{});
        for (int i = 0; i < 30; ++i) {
            before->enqueue(makeMessage(1024, i));
            after->enqueue(makeMessage(1024, i));
        }
        QCOMPARE(before->messagesInMemory(), 10);
        QCOMPARE(after->messagesInMemory(), 10);
    }

    void theMemoryAlarmNarrowsEveryWindow()
    {
        using warren::server::ServerContext;
        ServerContext context;
        context.setPagingWindow(64 << 20);
        VHost *existing = context.vhost("/");
        QCOMPARE(existing->pagingWindow(), 64 << 20);
        context.setMemoryTight(true);
        QCOMPARE(existing->pagingWindow(), ServerContext::kTightPagingWindow);
        QCOMPARE(context.addVHost("later")->pagingWindow(), ServerContext::kTightPagingWindow);
        context.setMemoryTight(false);
        QCOMPARE(existing->pagingWindow(), 64 << 20);
        QCOMPARE(context.vhost("later")->pagingWindow(), 64 << 20);
        context.setPagingWindow(512 << 10);   // a window already below the alarm's stays as it is
        context.setMemoryTight(true);
        QCOMPARE(existing->pagingWindow(), 512 << 10);
    }
};

QTEST_APPLESS_MAIN(tst_QueuePaging)
#include "tst_queuepaging.moc"
