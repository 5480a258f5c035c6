// Small helpers shared by the tests that start a broker or read a table as a user would.
#pragma once

#include <QAbstractItemModel>
#include <QHostAddress>
#include <QString>
#include <QTcpServer>

namespace warren::test {

// A TCP port nobody listens on right now (the kernel picks it), for a broker a test starts.
inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// The column with this header title, or -1: tests find cells by what the user reads.
inline int columnOf(const QAbstractItemModel &model, const QString &title)
{
    for (int c = 0; c < model.columnCount(); ++c) {
        if (model.headerData(c, Qt::Horizontal).toString() == title)
            return c;
    }
    return -1;
}

} // namespace warren::test
