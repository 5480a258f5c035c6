// Permissions as RabbitMQ's definitions files write them, which the data directory's
// topology file uses too: {"user": "bob", "vhost": "/", "configure": "^bob-", "write": ".*",
// "read": ".*"}. Patterns are written and read exactly, never widened.
#pragma once

#include "PermissionTable.h"

#include <QJsonArray>
#include <QJsonObject>

namespace warren::auth {

QJsonArray permissionsToJson(const PermissionTable &table);
// Missing members read as "" (a pattern that allows nothing).
PermissionTable::Entry permissionFromJson(const QJsonObject &json);

} // namespace warren::auth
