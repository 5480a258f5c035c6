// Builders for the usual kinds of column, so that an entity's table is a list of one line
// per column: Columns<QueueSnapshot>::number(tr("Ready"), tr("..."), &QueueSnapshot::ready).
// `get` is anything std::invoke can call with the row: a data member pointer or a lambda.
#pragma once

#include "CellText.h"
#include "SnapshotModel.h"
#include "format/FieldTableText.h"

#include <functional>

namespace warren::ui {

template <class Row> struct Columns {
    using Tip = std::function<QString(const Row &)>;
    static constexpr Qt::Alignment Left = Qt::AlignLeft | Qt::AlignVCenter;
    static constexpr Qt::Alignment Right = Qt::AlignRight | Qt::AlignVCenter;

    // Text, sorted case-insensitively by the view.
    template <class Get> static Column<Row> text(QString title, QString tooltip, Get get, Tip cellTip = {})
    {
        return {std::move(title), std::move(tooltip),
                [get](const Row &r, const Rates &) { return QVariant(QString(std::invoke(get, r))); }, {}, Left,
                std::move(cellTip)};
    }

    // A count, right-aligned, sorted as a number.
    template <class Get> static Column<Row> number(QString title, QString tooltip, Get get)
    {
        return {std::move(title), std::move(tooltip),
                [get](const Row &r, const Rates &) { return QVariant(qint64(std::invoke(get, r))); }, {}, Right, {}};
    }

    // A byte count, written for people ("1.5 MiB"), sorted by the number.
    template <class Get> static Column<Row> bytes(QString title, QString tooltip, Get get)
    {
        return {std::move(title), std::move(tooltip),
                [get](const Row &r, const Rates &) { return QVariant(CellText::bytes(std::invoke(get, r))); },
                [get](const Row &r, const Rates &) { return QVariant(qint64(std::invoke(get, r))); }, Right, {}};
    }

    // One of the row's message rates ("12.5/s"), sorted by the rate.
    static Column<Row> rate(QString title, QString tooltip, double Rates::*which)
    {
        return {std::move(title), std::move(tooltip),
                [which](const Row &, const Rates &r) { return QVariant(CellText::rate(r.*which)); },
                [which](const Row &, const Rates &r) { return QVariant(r.*which); }, Right, {}};
    }

    // Yes or no, as a filled or hollow dot.
    template <class Get> static Column<Row> flag(QString title, QString tooltip, Get get)
    {
        return {std::move(title), std::move(tooltip),
                [get](const Row &r, const Rates &) { return QVariant(CellText::flag(std::invoke(get, r))); },
                [get](const Row &r, const Rates &) { return QVariant(int(std::invoke(get, r))); },
                Qt::AlignCenter, {}};
    }

    // A point in time, sorted chronologically.
    template <class Get> static Column<Row> time(QString title, QString tooltip, Get get)
    {
        return {std::move(title), std::move(tooltip),
                [get](const Row &r, const Rates &) { return QVariant(CellText::time(std::invoke(get, r))); },
                [get](const Row &r, const Rates &) { return QVariant(std::invoke(get, r).toMSecsSinceEpoch()); },
                Left, {}};
    }

    // A field table on one line; the tooltip shows all of it when the column is narrow.
    template <class Get> static Column<Row> arguments(QString title, QString tooltip, Get get)
    {
        return text(std::move(title), std::move(tooltip), [get](const Row &r) { return describeTable(std::invoke(get, r)); },
                    [get](const Row &r) { return describeTable(std::invoke(get, r)); });
    }
};

} // namespace warren::ui
