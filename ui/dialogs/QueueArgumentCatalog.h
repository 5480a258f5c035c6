// Every optional argument Warren understands when a queue or exchange is declared (and
// x-match for bindings), with its wire type and a sentence saying what it does: the
// declare dialogs offer them as "Add:" links, as RabbitMQ's management UI does. Arguments
// of stream queues are left out, since Warren refuses streams.
#pragma once

#include "FieldKind.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace warren::ui {

// Which queue types honour an argument; the others refuse it or ignore it.
enum class QueueTypes { Any, Classic, Quorum };

struct ArgumentInfo {
    QByteArray key;        // "x-message-ttl"
    QString label;         // "Message TTL"
    FieldKind kind;
    QString tooltip;
    QStringList choices;   // the accepted values of a string argument, if it has a fixed set
    QueueTypes queueTypes = QueueTypes::Any;

    // What a newly added row starts with: the first choice, true, or nothing to type over.
    QString initialValue() const;
    bool appliesTo(const QString &queueType) const;   // "classic" or "quorum"
};

class QueueArgumentCatalog {
    Q_DECLARE_TR_FUNCTIONS(QueueArgumentCatalog)
public:
    static QList<ArgumentInfo> queueArguments();
    static QList<ArgumentInfo> exchangeArguments();
    static QList<ArgumentInfo> bindingArguments();   // of bindings to headers exchanges
    // A queue, exchange or binding argument by key.
    static std::optional<ArgumentInfo> find(QByteArrayView key);
};

} // namespace warren::ui
