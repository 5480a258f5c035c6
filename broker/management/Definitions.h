// RabbitMQ's definitions: the whole topology, users and permissions as one JSON document,
// the format of `rabbitmqctl export_definitions` / `import_definitions` (RabbitMQ 3.10),
// so that a setup moves between RabbitMQ and Warren in either direction.
//
// Warren has no policies, runtime parameters, topic permissions or limits: an import lists
// whatever it finds of those as unsupported instead of dropping it silently, and an export
// writes those sections empty.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace warren::server { class ServerContext; }

namespace warren::management {

// The one password scheme Warren shares with RabbitMQ (and RabbitMQ's default):
// password_hash = base64(4-byte salt ++ SHA-256(salt ++ password)).
inline constexpr char kPasswordHashing[] = "rabbit_password_hashing_sha256";

// What an import did: how many objects of each kind it created (existing equivalent ones
// are not counted), what it changed or could only approximate (warnings), and what it
// refused (errors); an error never stops the rest of the import.
struct ImportReport {
    int vhosts = 0;
    int users = 0;
    int permissions = 0;
    int exchanges = 0;
    int queues = 0;
    int bindings = 0;
    QStringList warnings;
    QStringList errors;

    bool ok() const { return errors.isEmpty(); }
    // For people: a summary line, then one line per warning and error.
    QString toText() const;
};

QJsonObject exportDefinitions(const server::ServerContext &context);
class ManagementService;
// Creates what the definitions describe and saves the durable part (and the users).
ImportReport importDefinitions(ManagementService &service, const QJsonObject &definitions);

// The files: written atomically; read as a JSON object, nullopt (and `error`) otherwise.
bool writeDefinitionsFile(const QJsonObject &definitions, const QString &path, QString *error);
std::optional<QJsonObject> readDefinitionsFile(const QString &path, QString *error);

} // namespace warren::management
