// A route explanation as a tree: each exchange the message visits, under it each binding
// with ✓ or ✗ and the reason, and what happened where nothing matched.
#pragma once

#include "observe/RouteExplanation.h"

#include <QTreeWidget>

namespace warren::ui {

class RouteExplanationView : public QTreeWidget {
    Q_OBJECT
public:
    explicit RouteExplanationView(QWidget *parent = nullptr);

    void setExplanation(const observe::RouteExplanation &explanation);
    // The bindings that matched, as their tree items show them (for tests and tooltips).
    QStringList matchedLines() const;
};

} // namespace warren::ui
