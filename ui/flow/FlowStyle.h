// How the routing graph looks: sizes, and a fill and outline per kind of node, a pen per kind
// of edge. Kinds differ by shape and line style too, so that the picture reads without colour.
#pragma once

#include "FlowGraph.h"

#include <QColor>
#include <QPen>
#include <QSizeF>

namespace warren::ui::FlowStyle {

inline constexpr QSizeF kNodeSize(176, 50);

struct NodeColors {
    QColor fill;
    QColor outline;
};

inline NodeColors nodeColors(FlowNodeKind kind)
{
    switch (kind) {
    case FlowNodeKind::Producer: return {QColor(0xe0, 0xec, 0xff), QColor(0x25, 0x63, 0xeb)};
    case FlowNodeKind::Exchange: return {QColor(0xfe, 0xf3, 0xc7), QColor(0xb4, 0x53, 0x09)};
    case FlowNodeKind::Queue: return {QColor(0xdc, 0xfc, 0xe7), QColor(0x15, 0x80, 0x3d)};
    case FlowNodeKind::Consumer: return {QColor(0xed, 0xe9, 0xfe), QColor(0x6d, 0x28, 0xd9)};
    }
    return {};
}

inline QPen edgePen(FlowEdgeKind kind)
{
    QPen pen(QColor(0x64, 0x74, 0x8b), 1.6);
    switch (kind) {
    case FlowEdgeKind::Publish: pen.setColor(QColor(0x3b, 0x82, 0xf6)); break;
    case FlowEdgeKind::Binding: break;
    case FlowEdgeKind::ExchangeBinding: pen.setWidthF(3.0); pen.setColor(QColor(0xb4, 0x53, 0x09)); break;
    case FlowEdgeKind::Alternate: pen.setStyle(Qt::DashLine); pen.setColor(QColor(0xb4, 0x53, 0x09)); break;
    case FlowEdgeKind::DeadLetter: pen.setStyle(Qt::DotLine); pen.setWidthF(2.2); pen.setColor(QColor(0xb9, 0x1c, 0x1c)); break;
    case FlowEdgeKind::Delivery: pen.setColor(QColor(0x6d, 0x28, 0xd9)); break;
    }
    return pen;
}

inline QColor tokenColor() { return QColor(0xea, 0x58, 0x0c); }
inline QColor focusColor() { return QColor(0xf5, 0x9e, 0x0b); }
inline QColor textColor() { return QColor(0x1f, 0x29, 0x37); }
inline QColor mutedText() { return QColor(0x4b, 0x55, 0x63); }

} // namespace warren::ui::FlowStyle
