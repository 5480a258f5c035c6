#include "RpcRequests.h"

#include <QUuid>

namespace warren::sim {

QByteArray RpcRequests::add()
{
    QByteArray id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    pending_.insert(id);
    return id;
}

bool RpcRequests::answer(const QByteArray &correlationId)
{
    if (!pending_.remove(correlationId))
        return false;
    ++answered_;
    return true;
}

} // namespace warren::sim
