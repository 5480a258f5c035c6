#include "FieldKind.h"

#include <cmath>

namespace warren::ui {

QList<FieldKind> FieldKinds::all()
{
    return {FieldKind::String, FieldKind::Number, FieldKind::Decimal, FieldKind::Boolean, FieldKind::List};
}

QString FieldKinds::name(FieldKind kind)
{
    switch (kind) {
    case FieldKind::String: return tr("String");
    case FieldKind::Number: return tr("Number");
    case FieldKind::Decimal: return tr("Decimal");
    case FieldKind::Boolean: return tr("Boolean");
    case FieldKind::List: return tr("List");
    }
    return {};
}

std::optional<amqp::FieldValue> FieldKinds::parse(FieldKind kind, const QString &text, QString *error)
{
    using amqp::FieldValue;
    const QString trimmed = text.trimmed();
    bool ok = false;
    switch (kind) {
    case FieldKind::String:
        return FieldValue::string(text.toUtf8());   // as typed: spaces may matter in a header
    case FieldKind::Number:
        if (const qint64 n = trimmed.toLongLong(&ok); ok)
            return FieldValue::integer(n);
        *error = tr("not a number");
        return std::nullopt;
    case FieldKind::Decimal:
        // "nan" and "inf" parse, but no broker could decode them in a table (Erlang has
        // neither): a publish carrying one would close the connection.
        if (const double d = trimmed.toDouble(&ok); ok && std::isfinite(d))
            return FieldValue::floating(d);
        *error = tr("not a decimal number");
        return std::nullopt;
    case FieldKind::Boolean:
        if (trimmed.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
            return FieldValue::boolean(true);
        if (trimmed.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
            return FieldValue::boolean(false);
        *error = tr("not true or false");
        return std::nullopt;
    case FieldKind::List: {
        amqp::FieldArray items;
        for (const QString &item : trimmed.split(QLatin1Char(','), Qt::SkipEmptyParts))
            items.append(FieldValue::string(item.trimmed().toUtf8()));
        return FieldValue::array(items);
    }
    }
    return std::nullopt;
}

} // namespace warren::ui
