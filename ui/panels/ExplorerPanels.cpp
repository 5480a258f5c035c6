#include "ExplorerPanels.h"

#include "BindingsPanel.h"
#include "ConnectionsPanel.h"
#include "ExchangesPanel.h"
#include "QueuesPanel.h"
#include "UsersPanel.h"
#include "VHostsPanel.h"
#include "models/EntityModels.h"

namespace warren::ui {

ExplorerPanels::ExplorerPanels(BrokerController *broker, QObject *parent)
    : QObject(parent), connections_(new ConnectionsPanel(broker)), exchanges_(new ExchangesPanel(broker)),
      queues_(new QueuesPanel(broker)), bindings_(new BindingsPanel(broker)), vhosts_(new VHostsPanel(broker)),
      users_(new UsersPanel(broker))
{
    add(QStringLiteral("connections"), tr("Connections"), connections_);
    add(QStringLiteral("channels"), tr("Channels"), new EntityPanel(EntityModels::channels(), broker));
    add(QStringLiteral("exchanges"), tr("Exchanges"), exchanges_);
    add(QStringLiteral("queues"), tr("Queues"), queues_);
    add(QStringLiteral("bindings"), tr("Bindings"), bindings_);
    add(QStringLiteral("consumers"), tr("Consumers"), new EntityPanel(EntityModels::consumers(), broker));
    add(QStringLiteral("vhosts"), tr("Virtual hosts"), vhosts_);
    add(QStringLiteral("users"), tr("Users"), users_);
    forwardRequests();
}

ExplorerPanels::~ExplorerPanels()
{
    for (const QPointer<EntityPanel> &panel : std::as_const(owned_)) {
        if (panel && !panel->parent())
            delete panel.data();
    }
}

void ExplorerPanels::add(const QString &name, const QString &title, EntityPanel *panel)
{
    panel->setObjectName(name);
    connect(panel, &EntityPanel::message, this, &ExplorerPanels::message);
    pages_.append(Page{name, title, QIcon(QStringLiteral(":/icons/%1.svg").arg(name)), panel});
    owned_.append(panel);
}

void ExplorerPanels::forwardRequests()
{
    connect(queues_, &QueuesPanel::declareQueueRequested, this, &ExplorerPanels::declareQueueRequested);
    connect(queues_, &QueuesPanel::getMessagesRequested, this, &ExplorerPanels::getMessagesRequested);
    connect(queues_, &QueuesPanel::publishToQueueRequested, this, &ExplorerPanels::publishToQueueRequested);
    connect(queues_, &QueuesPanel::moveMessagesRequested, this, &ExplorerPanels::moveMessagesRequested);
    connect(exchanges_, &ExchangesPanel::declareExchangeRequested, this, &ExplorerPanels::declareExchangeRequested);
    connect(exchanges_, &ExchangesPanel::bindRequested, this, &ExplorerPanels::bindRequested);
    connect(exchanges_, &ExchangesPanel::publishToExchangeRequested, this,
            &ExplorerPanels::publishToExchangeRequested);
    connect(bindings_, &BindingsPanel::bindRequested, this, &ExplorerPanels::bindRequested);
}

EntityPanel *ExplorerPanels::panel(const QString &name) const
{
    for (const Page &page : pages_) {
        if (page.name == name)
            return page.panel;
    }
    return nullptr;
}

void ExplorerPanels::continueFrom(const ExplorerPanels &previous)
{
    for (const Page &page : std::as_const(pages_)) {
        if (const EntityPanel *before = previous.panel(page.name))
            page.panel->continueFrom(*before);
    }
}

void ExplorerPanels::showSnapshot(const BrokerSnapshot &snapshot)
{
    for (const Page &page : std::as_const(pages_))
        page.panel->showSnapshot(snapshot);
}

} // namespace warren::ui
