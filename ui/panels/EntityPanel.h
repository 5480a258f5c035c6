// One live table of the explorer: a filter line, a toolbar of the panel's commands, the
// table (sortable, rows selectable) over a SnapshotTableModel, and a line telling how the
// last command went. The panels of exchanges, queues, ... derive from it and add their
// commands with addCommand(); plain tables (channels, consumers) use it as it is.
//
// Commands run on the broker thread through BrokerController::call; their outcome, done
// or RabbitMQ's refusal ("406 PRECONDITION_FAILED - queue 'x' in vhost '/' not empty"),
// is shown in the panel and emitted as message() for the status bar.
#pragma once

#include "BrokerController.h"
#include "models/SnapshotTableModel.h"

#include <QHash>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;

namespace warren::ui {

class EntityPanel : public QWidget {
    Q_OBJECT
public:
    // Takes ownership of `model`.
    EntityPanel(SnapshotTableModel *model, BrokerController *broker, QWidget *parent = nullptr);

    SnapshotTableModel *model() const { return model_; }
    QTableView *view() const { return view_; }
    QSortFilterProxyModel *proxy() const { return proxy_; }
    QLineEdit *filter() const { return filter_; }
    QToolBar *toolBar() const { return toolBar_; }

    // The selected row in the model's numbering; -1 when nothing is selected.
    int selectedRow() const;
    // The selected row's value struct, if it is a `Row`.
    template <class Row> std::optional<Row> selected() const
    {
        const Row *row = std::any_cast<Row>(&model_->valueAt(selectedRow()));
        return row ? std::optional<Row>(*row) : std::nullopt;
    }
    // Selects the row with this identity and scrolls to it; false if it is not shown.
    bool select(const RowKey &key);
    // Made anew in another language (MainWindow), once it shows the previous panel's rows:
    // takes over its filter, sort order and selected row.
    void continueFrom(const EntityPanel &previous);

public slots:
    void showSnapshot(const warren::BrokerSnapshot &snapshot);

signals:
    // What a command of this panel did, or why the broker refused it.
    void message(const QString &text);

protected:
    // Adds a command to the toolbar (and the table's context menu). With `needsRow` it is
    // enabled only while a row is selected.
    QAction *addCommand(const QString &objectName, const QString &text, bool needsRow, std::function<void()> run);
    // Double-clicking a row triggers this command.
    void setDoubleClickCommand(QAction *command) { doubleClick_ = command; }
    // A row command that also needs `condition` (e.g. "the selected queue is paused"); asked
    // again when the selection changes and after every snapshot.
    void setEnabledWhen(QAction *command, std::function<bool()> condition);
    // A line of rich text under the table, e.g. what a column's abbreviations mean.
    QLabel *addLegend(const QString &richText);
    // Enables the row commands for the current selection and rows; panels whose commands
    // show the selected row's state (a checked toggle) extend it.
    virtual void updateCommands();

    // What to say about a finished command: `done` when it worked (it gets the outcome, for
    // counts), `failed` before RabbitMQ's reply when it did not.
    struct Report {
        std::function<QString(const management::Outcome &)> done;
        QString failed;
    };
    // A report with a fixed text for success.
    static Report report(const QString &done, const QString &failed)
    {
        return {[done](const management::Outcome &) { return done; }, failed};
    }
    template <class... Params, class... Args>
    void run(management::Outcome (management::ManagementService::*method)(Params...), Report report, Args &&...args)
    {
        broker_->call(method, this, std::function<void(const management::Outcome &)>(
                                        [this, report](const management::Outcome &o) { tell(report, o); }),
                      std::forward<Args>(args)...);
    }
    void tell(const Report &report, const management::Outcome &outcome);
    // Shows a result in the panel's outcome line and emits message().
    void say(const QString &text, bool failure);

    BrokerController *broker_;

    void showEvent(QShowEvent *event) override;

private:
    void buildView();
    void fitColumns();
    void fitColumnsIfShown();
    void forgetRemovedSelection(const QModelIndex &parent, int first, int last);

    SnapshotTableModel *model_;
    QSortFilterProxyModel *proxy_;
    QLineEdit *filter_;
    QToolBar *toolBar_;
    QTableView *view_;
    QLabel *outcome_;
    QList<QAction *> rowCommands_;
    QHash<QAction *, std::function<bool()>> conditions_;
    QAction *doubleClick_ = nullptr;
    bool columnsFitted_ = false;
    bool fittingColumns_ = false;
    bool fitWhenShown_ = false;
    QTimer refit_;
    QSet<int> resizedByUser_;
};

} // namespace warren::ui
