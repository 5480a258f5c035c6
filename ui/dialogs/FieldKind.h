// The value types a person can type into a field table (arguments, headers), and how the
// typed text becomes a wire value. Each kind has one wire type, the one RabbitMQ's
// management UI sends: numbers are signed 64-bit ("long"), strings are long strings.
#pragma once

#include "protocol/FieldValue.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace warren::ui {

enum class FieldKind { String, Number, Decimal, Boolean, List };

class FieldKinds {
    Q_DECLARE_TR_FUNCTIONS(FieldKinds)
public:
    static QList<FieldKind> all();
    static QString name(FieldKind kind);   // as shown in the type column
    // The wire value of `text`, or nullopt with `error` saying what is wrong ("not a number").
    static std::optional<amqp::FieldValue> parse(FieldKind kind, const QString &text, QString *error);
};

} // namespace warren::ui
