#include "RouteTally.h"

namespace warren::model {

void RouteTally::addEdge(const Exchange *source, const QByteArray &sourceName)
{
    edges_.push_back(Edge{source, sourceName, 1});
}

} // namespace warren::model
