#include "CellText.h"

#include <QLocale>

namespace warren::ui {

QString CellText::rate(double perSecond)
{
    return tr("%1/s").arg(QLocale().toString(perSecond, 'f', 1));
}

QString CellText::bytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString CellText::time(const QDateTime &at)
{
    return at.isValid() ? at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

QString CellText::flag(bool on)
{
    return on ? QStringLiteral("\u25CF") : QStringLiteral("\u25CB");
}

} // namespace warren::ui
