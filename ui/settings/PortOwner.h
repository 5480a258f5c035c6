// Who holds a TCP port, for the window to say why its broker could not listen there. Linux
// tells it through /proc: /proc/net/tcp and tcp6 list the listening sockets with their inodes,
// and the links in /proc/PID/fd name the sockets each process holds. Only the user's own
// processes can be looked into (every one for root): another user's program, such as a
// system-wide RabbitMQ, stays unnamed.
#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>

#include <optional>

namespace warren::ui {

struct PortOwner {
    qint64 pid = 0;
    QString program;       // its command name (/proc/PID/comm)
    QString systemdUnit;   // the systemd service it runs in ("warren.service"); empty if none
    bool userUnit = false; // a service of the user's own manager (systemctl --user)

    // The process listening on this TCP port, on any address, when it can be told.
    static std::optional<PortOwner> of(quint16 port);
};

// Whether something already listens on `port` at one of these addresses.
bool portTaken(quint16 port, const QList<QHostAddress> &addresses);
// The first port after `port` that none of these addresses has taken; 0 when the next hundred
// are all taken.
quint16 freePortAfter(quint16 port, const QList<QHostAddress> &addresses);

} // namespace warren::ui
