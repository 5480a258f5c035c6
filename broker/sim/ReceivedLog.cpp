#include "ReceivedLog.h"

namespace warren::sim {

void ReceivedLog::add(const ReceivedMessage &message)
{
    ++total_;
    if (message.redelivered)
        ++redelivered_;
    // Dropping the oldest of a QList moves its start, not its elements.
    if (recent_.size() >= capacity_)
        recent_.removeFirst();
    recent_.append(message);
}

} // namespace warren::sim
