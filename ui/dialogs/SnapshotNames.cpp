#include "SnapshotNames.h"

#include <QComboBox>
#include <QCoreApplication>

#include <algorithm>

namespace warren::ui {

namespace {

template <class Item, class Accept>
QStringList namesOf(const QList<Item> &items, Accept accept)
{
    QStringList names;
    for (const Item &item : items) {
        if (accept(item))
            names.append(item.name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

template <class Item>
const Item *find(const QList<Item> &items, const QString &vhost, const QString &name)
{
    const auto it = std::find_if(items.begin(), items.end(),
                                 [&](const Item &i) { return i.vhost == vhost && i.name == name; });
    return it == items.end() ? nullptr : &*it;
}

} // namespace

QStringList vhostNames(const BrokerSnapshot &snapshot)
{
    return namesOf(snapshot.vhosts, [](const VHostSnapshot &) { return true; });
}

QStringList exchangeNames(const BrokerSnapshot &snapshot, const QString &vhost, bool withInternal)
{
    return namesOf(snapshot.exchanges, [&](const ExchangeSnapshot &x) {
        return x.vhost == vhost && !x.name.isEmpty() && (withInternal || !x.internal);
    });
}

QStringList queueNames(const BrokerSnapshot &snapshot, const QString &vhost)
{
    return namesOf(snapshot.queues, [&](const QueueSnapshot &q) { return q.vhost == vhost; });
}

const ExchangeSnapshot *findExchange(const BrokerSnapshot &snapshot, const QString &vhost, const QString &name)
{
    return find(snapshot.exchanges, vhost, name);
}

const QueueSnapshot *findQueue(const BrokerSnapshot &snapshot, const QString &vhost, const QString &name)
{
    return find(snapshot.queues, vhost, name);
}

void setItems(QComboBox *box, const QStringList &items)
{
    const QString current = box->currentText();
    box->clear();
    box->addItems(items);
    if (!current.isEmpty() && (items.contains(current) || box->isEditable()))
        box->setCurrentText(current);
}

QComboBox *vhostBox(const BrokerSnapshot &snapshot, const QString &current)
{
    QStringList names = vhostNames(snapshot);
    if (!names.contains(current))
        names.prepend(current);
    auto *box = new QComboBox;
    box->setObjectName(QStringLiteral("vhost"));
    box->addItems(names);
    box->setCurrentText(current);
    box->setToolTip(QCoreApplication::translate("SnapshotNames", "The virtual host: a separate namespace of "
                                                                 "exchanges, queues and bindings."));
    return box;
}

} // namespace warren::ui
