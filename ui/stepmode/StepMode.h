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
    // "Released one message from 'orders'." or, from what the broker says still waits, why
    // nothing was released.
    static QString stepResult(const management::StepResult &result);
};

} // namespace warren::ui
