#include "FlowExport.h"

#include "FlowScene.h"

#include <QDateTime>
#include <QDir>
#include <QGraphicsItem>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace warren::ui {

namespace {

// Items drawn from pixmap caches on screen are drawn for real while exporting: an SVG must
// hold text and lines, not pictures of them.
class UncachedItems {
public:
    explicit UncachedItems(QGraphicsScene *scene)
    {
        for (QGraphicsItem *item : scene->items()) {
            if (item->cacheMode() != QGraphicsItem::NoCache) {
                cached_.append({item, item->cacheMode()});
                item->setCacheMode(QGraphicsItem::NoCache);
            }
        }
    }
    ~UncachedItems()
    {
        for (const auto &[item, mode] : std::as_const(cached_))
            item->setCacheMode(mode);
    }

private:
    QList<std::pair<QGraphicsItem *, QGraphicsItem::CacheMode>> cached_;
};

} // namespace

// Both files go through QSaveFile: a file of that name appears only once it is whole, so
// neither a crash nor a reader watching the directory ever sees half a graph.
bool FlowExport::writeSvg(FlowScene *scene, const QString &path, const QString &title)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const QRectF source = scene->graphRect();
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setTitle(title);
    svg.setSize(source.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    const UncachedItems uncached(scene);
    QPainter painter;
    if (!painter.begin(&svg))
        return false;
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    return painter.end() && file.commit();
}

bool FlowExport::writePng(FlowScene *scene, const QString &path)
{
    const QRectF source = scene->graphRect();
    QImage image(source.size().toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    const UncachedItems uncached(scene);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    scene->render(&painter, QRectF(image.rect()), source);
    painter.end();
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && image.save(&file, "PNG") && file.commit();
}

QString FlowExport::timestampedBase(const QString &directory)
{
    return QDir(directory).filePath(QStringLiteral("flow-")
                                    + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
}

} // namespace warren::ui
