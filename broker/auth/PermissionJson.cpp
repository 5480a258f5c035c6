#include "PermissionJson.h"

using namespace Qt::Literals::StringLiterals;

namespace warren::auth {

namespace {

QString text(const QByteArray &bytes) { return QString::fromUtf8(bytes); }
QByteArray bytes(const QJsonObject &o, QStringView key) { return o.value(key).toString().toUtf8(); }

} // namespace

QJsonArray permissionsToJson(const PermissionTable &table)
{
    QJsonArray out;
    for (const PermissionTable::Entry &e : table.entries()) {
        out.append(QJsonObject{{u"user"_s, text(e.user)},
                               {u"vhost"_s, text(e.vhost)},
                               {u"configure"_s, text(e.permissions.pattern(Access::Configure))},
                               {u"write"_s, text(e.permissions.pattern(Access::Write))},
                               {u"read"_s, text(e.permissions.pattern(Access::Read))}});
    }
    return out;
}

PermissionTable::Entry permissionFromJson(const QJsonObject &json)
{
    return {bytes(json, u"user"), bytes(json, u"vhost"),
            VHostPermissions(bytes(json, u"configure"), bytes(json, u"write"), bytes(json, u"read"))};
}

} // namespace warren::auth
