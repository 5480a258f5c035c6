// What one simulated consumer received: the last messages (number, producer, redelivered),
// bounded, and exact totals over everything ever received.
#pragma once

#include "sim/SimulationTypes.h"

#include <QList>

namespace warren::sim {

class ReceivedLog {
public:
    static constexpr int kDefaultCapacity = 1000;
    explicit ReceivedLog(int capacity = kDefaultCapacity) : capacity_(qMax(1, capacity)) {}

    void add(const ReceivedMessage &message);

    // Oldest first; at most capacity() entries.
    const QList<ReceivedMessage> &recent() const { return recent_; }
    int capacity() const { return capacity_; }
    quint64 total() const { return total_; }
    quint64 redelivered() const { return redelivered_; }

private:
    int capacity_;
    QList<ReceivedMessage> recent_;
    quint64 total_ = 0;
    quint64 redelivered_ = 0;
};

} // namespace warren::sim
