// The routing graph as files: an SVG whose text holds the node names and edge counters (so
// it can be searched and diffed), and a PNG of the same picture.
#pragma once

#include <QString>

namespace warren::ui {

class FlowScene;

class FlowExport {
public:
    static bool writeSvg(FlowScene *scene, const QString &path, const QString &title);
    static bool writePng(FlowScene *scene, const QString &path);
    // flow-<yyyyMMdd-HHmmss> in `directory`, without a suffix.
    static QString timestampedBase(const QString &directory);
};

} // namespace warren::ui
