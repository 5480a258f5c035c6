// What the explorer says about step mode (pausing deliveries), in one place, so that the
// queues and virtual hosts pages, their tables and the main window's banner all explain it
// the same way.
#pragma once

#include "management/ManagementTypes.h"

#include <QCoreApplication>
#include <QString>

namespace warren::ui {

class StepMode {
    Q_DECLARE_TR_FUNCTIONS(warren::ui::StepMode)
public:
    // What a pause holds back and what it does not: publishing, TTLs and basic.get go on.
    static QString explanation();
    // The tooltip of a "paused" cell.
    static QString pausedTip();
    // "Released one message from 'orders'." or why nothing was released; `ready` is how many
    // messages the target had ready in the last snapshot (none: nothing to release).
    static QString stepResult(const management::StepResult &result, qint64 ready);
};

} // namespace warren::ui
