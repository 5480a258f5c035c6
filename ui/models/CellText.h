// How table cells write quantities: rates, byte counts, times, yes/no flags. Shared by
// every column table so that all panels read alike.
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace warren::ui {

class CellText {
    Q_DECLARE_TR_FUNCTIONS(warren::ui::CellText)
public:
    static QString rate(double perSecond);      // "12.5/s"
    static QString bytes(qint64 bytes);         // "1.5 KiB"
    static QString time(const QDateTime &at);   // "2024-05-01 14:03:07", local time
    static QString flag(bool on);               // "●" or "○", as RabbitMQ's tables show them
};

} // namespace warren::ui
