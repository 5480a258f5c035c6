// The fixture of the message store tests: a data directory, the store on it, the durable
// queues the "topology" knows, and what a restart gave back.
#pragma once

#include "model/Queue.h"
#include "store/MessageStore.h"

#include <QHash>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <map>
#include <memory>

namespace storetest {

using namespace warren;
using store::MessageStore;

struct Restored {
    quint64 queue = 0;
    model::MessageRef message;
    bool redelivered = false;
};

class StoreFixture {
public:
    explicit StoreFixture(qint64 segmentSize = qint64(1) << 20) : segmentSize_(segmentSize) {}

    QString path() const { return dir_.path(); }
    MessageStore &store() { return *store_; }
    QSet<quint64> known{1, 2, 3};

    bool open() { return openAt(path()); }
    bool openAt(const QString &path)
    {
        store_ = std::make_unique<MessageStore>(path, segmentSize_);
        restored.clear();
        summaries.clear();
        QString error;
        const bool ok = store_->open([this](quint64 q) { return known.contains(q); },
                                     [this](quint64 q, const model::RestoredMessage &m) {
                                         if (restoreInto) {   // a real queue decides what to read
                                             restoreInto->restore(m);
                                             return;
                                         }
                                         restored.append({q, m.load(), m.redelivered});
                                         model::RestoredMessage summary = m;
                                         summary.load = nullptr;   // it reads through open()'s locals
                                         summaries.append(summary);
                                     },
                                     &error);
        if (!ok)
            qWarning() << "open failed:" << error;
        return ok;
    }
    void close() { store_.reset(); }
    // A restart; returns what came back as text (see restoredText()).
    QByteArray restart()
    {
        close();
        return open() ? restoredText() : QByteArray("open failed");
    }

    model::Queue &queue(quint64 id)
    {
        auto &q = queues_[id];
        if (!q)
            q = std::make_unique<model::Queue>(id, "q" + QByteArray::number(id), model::QueueOptions{known.contains(id)});
        return *q;
    }

    // A persistent message named by its body, stored for these queues, which hold it ready
    // (as a queue would: deleting it releases what it holds).
    quint64 publish(const QByteArray &body, const QList<quint64> &queues)
    {
        return publish(model::MessageRef(new model::Message(message(body))), queues);
    }
    quint64 publish(const model::MessageRef &m, const QList<quint64> &queues)
    {
        store_->append(*m, queues);
        ids[label(m->body)] = m->storeId;
        for (quint64 q : queues)
            queue(q).enqueue(m, std::nullopt);
        return m->storeId;
    }
    void ack(quint64 q, const QByteArray &body) { store_->removed(queue(q), ids.value(body)); }
    void deliver(quint64 q, const QByteArray &body) { store_->delivered(queue(q), ids.value(body)); }

    static model::Message message(const QByteArray &body)
    {
        model::Message m;
        m.exchange = "amq.direct";
        m.routingKey = "key." + body.left(8);
        m.ccKeys = {"cc-1", "cc-2"};
        m.bccKeys = {"bcc"};
        m.properties = QByteArray("\x90\x00\x0Atext/plain\x02", 14);
        m.body = body;
        m.deliveryMode = 2;
        m.priority = 3;
        return m;
    }

    // Per queue in id order, its messages in restore order, "*" marking redelivered ones:
    // "1: a b* | 2: c".
    QByteArray restoredText() const
    {
        std::map<quint64, QByteArrayList> perQueue;
        for (const Restored &r : restored)
            perQueue[r.queue].append(label(r.message->body) + (r.redelivered ? "*" : ""));
        QByteArrayList parts;
        for (const auto &[q, bodies] : perQueue)
            parts.append(QByteArray::number(q) + ": " + bodies.join(' '));
        return parts.join(" | ");
    }

    // A body up to its padding: "m008......" -> "m008".
    static QByteArray label(const QByteArray &body)
    {
        const qsizetype dot = body.indexOf('.');
        return dot > 0 ? body.left(dot) : body;
    }

    QList<Restored> restored;
    QList<model::RestoredMessage> summaries;   // as the restore callback got them, without loader
    model::Queue *restoreInto = nullptr;       // instead of the two lists above
    QHash<QByteArray, quint64> ids;   // by label

private:
    qint64 segmentSize_;
    QTemporaryDir dir_;
    std::unique_ptr<MessageStore> store_;
    std::map<quint64, std::unique_ptr<model::Queue>> queues_;
};

inline QByteArray name(int i) { return "m" + QByteArray::number(i).rightJustified(3, '0'); }

inline QByteArray padded(int i) { return name(i).leftJustified(100, '.'); }

// m000, m001, ... (bodies of 100 bytes) to queue 1, every eighth also to queue 2.
inline void publishNumbered(StoreFixture &f, int count)
{
    for (int i = 0; i < count; ++i)
        f.publish(padded(i), i % 8 == 0 ? QList<quint64>{1, 2} : QList<quint64>{1});
}

} // namespace storetest
