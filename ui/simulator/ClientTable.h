// One table of the simulator page, producers or consumers: a toolbar (an "Add…" action and
// commands for the selected client) over a table of their statuses. The page supplies the
// commands; this widget only knows which client is selected.
#pragma once

#include "models/SnapshotTableModel.h"

#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QTableView;
class QToolBar;

namespace warren::ui {

class ClientTable : public QWidget {
    Q_OBJECT
public:
    // Takes ownership of `model`.
    ClientTable(const QString &title, SnapshotTableModel *model, QWidget *parent = nullptr);

    QAction *addAction(const QString &objectName, const QString &text, const QString &tooltip,
                       std::function<void()> run);
    // Enabled while a client is selected; gets its id.
    QAction *addCommand(const QString &objectName, const QString &text, const QString &tooltip,
                        std::function<void(quint32 id)> run);

    SnapshotTableModel *model() const { return model_; }
    QTableView *view() const { return view_; }
    QToolBar *toolBar() const { return toolBar_; }
    std::optional<quint32> selectedId() const;
    bool select(quint32 id);
    // Selects the client once the table lists it (a client just added is listed with the
    // simulation's next snapshot).
    void selectWhenListed(quint32 id);

signals:
    void selectionChanged();

private:
    void updateCommands();

    SnapshotTableModel *model_;
    QToolBar *toolBar_;
    QTableView *view_;
    QList<QAction *> commands_;
    std::optional<quint32> toSelect_;
};

} // namespace warren::ui
