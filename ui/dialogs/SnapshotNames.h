// The names the dialogs offer in their combo boxes, taken from the latest snapshot.
#pragma once

#include "BrokerSnapshot.h"

#include <QStringList>

class QComboBox;

namespace warren::ui {

QStringList vhostNames(const BrokerSnapshot &snapshot);
// Sorted; the default exchange ("") and, unless asked for, internal exchanges left out.
QStringList exchangeNames(const BrokerSnapshot &snapshot, const QString &vhost, bool withInternal = true);
QStringList queueNames(const BrokerSnapshot &snapshot, const QString &vhost);
const ExchangeSnapshot *findExchange(const BrokerSnapshot &snapshot, const QString &vhost, const QString &name);
const QueueSnapshot *findQueue(const BrokerSnapshot &snapshot, const QString &vhost, const QString &name);

// Replaces a combo box's items, keeping its current text when it is still there.
void setItems(QComboBox *box, const QStringList &items);
// A combo box of the virtual hosts, `current` chosen (and listed even when the snapshot
// does not have it yet).
QComboBox *vhostBox(const BrokerSnapshot &snapshot, const QString &current);

} // namespace warren::ui
