#include "FlowExport.h"

#include "FlowScene.h"

#include <QDateTime>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace warren::ui {

bool FlowExport::writeSvg(FlowScene *scene, const QString &path, const QString &title)
{
    const QRectF source = scene->graphRect();
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setTitle(title);
    svg.setSize(source.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    QPainter painter;
    if (!painter.begin(&svg))
        return false;
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    return painter.end();
}

bool FlowExport::writePng(FlowScene *scene, const QString &path)
{
    const QRectF source = scene->graphRect();
    QImage image(source.size().toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    scene->render(&painter, QRectF(image.rect()), source);
    painter.end();
    return image.save(path);
}

QString FlowExport::timestampedBase(const QString &directory)
{
    return QDir(directory).filePath(QStringLiteral("flow-")
                                    + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
}

} // namespace warren::ui
