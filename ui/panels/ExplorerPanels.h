// All of the explorer's live tables, made in one go for the main window's sidebar:
//
//   ExplorerPanels *panels = new ExplorerPanels(broker, this);
//   for (const ExplorerPanels::Page &page : panels->pages())
//       addPage(page.name, page.title, page.icon, page.panel);   // the container owns them
//   connect(broker, &BrokerController::snapshotUpdated, panels, &ExplorerPanels::showSnapshot);
//   connect(panels, &ExplorerPanels::getMessagesRequested, this, &MainWindow::openGetMessages);
//
// Pages, in sidebar order (name: panel class): connections: ConnectionsPanel, channels:
// EntityPanel, exchanges: ExchangesPanel, queues: QueuesPanel, bindings: BindingsPanel,
// consumers: EntityPanel, vhosts: VHostsPanel, users: UsersPanel. Each panel's object
// name is its page name; inside it, the table is "table" and the filter line "filter".
//
// The panels run their own commands (purge, delete, unbind, close a connection, vhosts,
// users, permissions); what needs one of the explorer's dialogs is asked for with the
// signals below, which the panels' own signals are forwarded to.
#pragma once

#include "BrokerSnapshot.h"

#include <QIcon>
#include <QObject>
#include <QPointer>

namespace warren {
class BrokerController;
}

namespace warren::ui {

class BindingsPanel;
class ConnectionsPanel;
class EntityPanel;
class ExchangesPanel;
class QueuesPanel;
class UsersPanel;
class VHostsPanel;

class ExplorerPanels : public QObject {
    Q_OBJECT
public:
    struct Page {
        QString name;    // "queues": the panel's object name, for MainWindow::showPage
        QString title;   // "Queues", translated
        QIcon icon;      // from :/icons
        EntityPanel *panel;
    };

    explicit ExplorerPanels(BrokerController *broker, QObject *parent = nullptr);
    // Deletes the panels nobody took (those still without a parent widget).
    ~ExplorerPanels() override;

    const QList<Page> &pages() const { return pages_; }
    EntityPanel *panel(const QString &name) const;   // null for an unknown name
    // Made anew in another language (MainWindow), once shown the same snapshot: each panel
    // takes over the filter, sort order and selection of the one it replaces.
    void continueFrom(const ExplorerPanels &previous);

    ConnectionsPanel *connections() const { return connections_; }
    ExchangesPanel *exchanges() const { return exchanges_; }
    QueuesPanel *queues() const { return queues_; }
    BindingsPanel *bindings() const { return bindings_; }
    VHostsPanel *vhosts() const { return vhosts_; }
    UsersPanel *users() const { return users_; }

public slots:
    // Every table takes its rows from each snapshot, shown or not, so that rates are
    // right the moment a page is opened.
    void showSnapshot(const warren::BrokerSnapshot &snapshot);

signals:
    // The queues panel: "Declare queue…" (vhost of the selected queue, or "/"), "Get
    // messages…" (and double-click), "Publish…", "Move messages…".
    void declareQueueRequested(const QString &vhost);
    void getMessagesRequested(const QString &vhost, const QString &queue);
    void publishToQueueRequested(const QString &vhost, const QString &queue);
    void moveMessagesRequested(const QString &vhost, const QString &queue);
    // The exchanges panel: "Declare exchange…", "Bind…" (and double-click; the bindings
    // panel's "Bind…" too), "Publish…". An empty exchange name is the default exchange.
    void declareExchangeRequested(const QString &vhost);
    void bindRequested(const QString &vhost, const QString &source);
    void publishToExchangeRequested(const QString &vhost, const QString &exchange);
    // A command of any panel finished: what it did, or RabbitMQ's refusal, for the status
    // bar ("Purged 3 messages from queue 'orders'.", "Could not delete exchange
    // 'amq.direct': 403 ACCESS_REFUSED - ...").
    void message(const QString &text);

private:
    void add(const QString &name, const QString &title, EntityPanel *panel);
    void forwardRequests();

    ConnectionsPanel *connections_;
    ExchangesPanel *exchanges_;
    QueuesPanel *queues_;
    BindingsPanel *bindings_;
    VHostsPanel *vhosts_;
    UsersPanel *users_;
    QList<Page> pages_;
    QList<QPointer<EntityPanel>> owned_;   // to delete those never given a parent
};

} // namespace warren::ui
