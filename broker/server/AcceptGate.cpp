#include "AcceptGate.h"

#include "Listener.h"

#include <QLoggingCategory>

#include <algorithm>
#include <climits>

#include <sys/resource.h>

Q_LOGGING_CATEGORY(lcAccept, "warren.accept")

namespace warren::server {

namespace {
// Descriptors kept from connections for data files, the data-dir lock, the window and
// the like: RabbitMQ's file handle cache keeps about 100; never more than half the limit.
constexpr qint64 kReservedDescriptors = 100;
constexpr qint64 kWarningIntervalMs = 10'000;

int limitFor(int maxConnections, qint64 descriptorLimit)
{
    const qint64 budget = descriptorLimit - std::min(kReservedDescriptors, descriptorLimit / 2);
    const qint64 own = maxConnections > 0 ? maxConnections : INT_MAX;
    return int(std::clamp<qint64>(std::min(budget, own), 1, INT_MAX));
}
} // namespace

AcceptGate::AcceptGate(int maxConnections, qint64 descriptorLimit, QObject *parent)
    : QObject(parent), limit_(limitFor(maxConnections, descriptorLimit))
{
    retry_.setSingleShot(true);
    retry_.setInterval(kRetryAfterErrorMs);
    connect(&retry_, &QTimer::timeout, this, &AcceptGate::update);
}

qint64 AcceptGate::raiseDescriptorLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return INT_MAX;
    if (limit.rlim_cur < limit.rlim_max) {
        const rlim_t before = limit.rlim_cur;
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
            limit.rlim_cur = before;
    }
    return limit.rlim_cur == RLIM_INFINITY ? qint64(INT_MAX) : qint64(limit.rlim_cur);
}

void AcceptGate::addListener(Listener *listener)
{
    listeners_.append(listener);
    listener->setAccepting(accepting_);
}

void AcceptGate::accepted(QObject *connection)
{
    ++open_;
    connect(connection, &QObject::destroyed, this, [this] {
        --open_;
        update();
    });
    if (open_ >= limit_)
        warn(QStringLiteral("%1 connections open, the limit: new connections wait until one closes").arg(open_));
    update();
}

void AcceptGate::acceptFailed(const QString &reason)
{
    warn(QStringLiteral("cannot accept connections (%1 open): %2; trying again every %3 ms")
             .arg(open_)
             .arg(reason)
             .arg(kRetryAfterErrorMs));
    retry_.start();
    update();
}

void AcceptGate::warn(const QString &text)
{
    if (lastWarning_.isValid() && lastWarning_.elapsed() < kWarningIntervalMs)
        return;
    qCWarning(lcAccept).noquote() << text;
    lastWarning_.start();
}

void AcceptGate::update()
{
    const bool accept = open_ < limit_ && !retry_.isActive();
    if (accept == accepting_)
        return;
    accepting_ = accept;
    for (const QPointer<Listener> &listener : std::as_const(listeners_)) {
        if (listener)
            listener->setAccepting(accept);
    }
}

} // namespace warren::server
