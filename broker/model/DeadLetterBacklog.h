// Dead-lettered copies on their way to their queues. A copy arriving in a queue may die
// there at once (a TTL of 0, a full queue) and be dead-lettered again, so delivering them
// by recursion would put a long chain of dead-letter queues on the stack; instead the
// virtual host adds the copies here and the outermost call delivers them one at a time.
//
// The order is RabbitMQ's: the copies of one death all reach their queues before any
// death they cause is acted on (there, each queue is a process of its own), and the deaths
// they cause come next, in the order they happened, each with all it causes in turn. So
// it is depth first from death to death: a fan-out graph of depth D and fan-out F keeps
// about D × F × F copies waiting, never F^D.
//
// Time-boxed: a turn stops once its budget is spent (after a minimum number of copies, so
// that small cascades always finish within the call) and leaves the rest for a later turn,
// so that a cascade that never ends (2^30 copies) cannot hold the broker's thread.
#pragma once

#include "Clock.h"
#include "Message.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace warren::model {

class DeadLetterBacklog {
public:
    // A copy for one queue, named by id: a queue deleted meanwhile is simply not found.
    struct Letter {
        std::uint64_t queueId;
        MessageRef message;
    };
    // Copies a turn always delivers, whatever the time.
    static constexpr qsizetype kMinimumPerTurn = 16;

    explicit DeadLetterBacklog(const Clock &clock) : clock_(clock) {}

    // The copies of one death, in the order they are to be delivered.
    void add(std::vector<Letter> copies);
    bool isEmpty() const { return waiting_.empty(); }
    // Copies not delivered yet.
    qsizetype size() const;
    // Whether a turn is under way: copies added now wait for the copy it is delivering.
    bool isDelivering() const { return delivering_; }
    // How long a turn may take once it delivered kMinimumPerTurn copies.
    void setBudgetMs(qint64 ms) { budgetMs_ = ms; }

    // Delivers copies through `deliver` (which may add more) until none is left or the
    // budget is spent; returns whether none is left.
    bool deliver(const std::function<void(const Letter &)> &deliver);
    // Calls f for each copy not delivered yet (to release what the store keeps for them).
    void forEach(const std::function<void(const Letter &)> &f) const;

private:
    // The copies of one death, and the deaths their delivery caused (held back until
    // every copy is delivered).
    struct Death {
        std::vector<Letter> copies;
        std::size_t next = 0;   // the next copy to deliver
        std::vector<Death> caused;
    };
    static void forEachIn(const std::vector<Death> &deaths, const std::function<void(const Letter &)> &f);

    const Clock &clock_;
    std::vector<Death> waiting_;   // a stack: the one being delivered is at the back
    qint64 budgetMs_ = 5;
    bool delivering_ = false;
};

} // namespace warren::model
