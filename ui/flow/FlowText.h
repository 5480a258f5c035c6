// The routing graph's words: binding labels, what each kind of node and edge is, the
// sampling note. One place, so that the scene, its tooltips and the exported SVG say the
// same thing in the learner's language.
#pragma once

#include "FlowGraph.h"
#include "observe/RouteExplanation.h"
#include "protocol/FieldValue.h"

#include <QCoreApplication>
#include <QString>

namespace warren::ui {

class FlowText {
    Q_DECLARE_TR_FUNCTIONS(warren::ui::FlowText)
public:
    // A binding as its edge is labelled: the key of a direct or topic binding ("kern.*"),
    // the matches of a headers binding ("all: format = pdf, type = report"), nothing for fanout.
    static QString bindingLabel(const QString &exchangeType, const QString &key, const amqp::FieldTable &arguments);
    // The default exchange's implicit binding of a queue: its name is the key.
    static QString defaultBindingLabel(const QString &queue);
    // The title drawn in a node: "orders", "(default exchange)", "worker 1 · ctag-1".
    static QString title(const FlowNode &node);
    // The line under it: "topic", "3 ready · 1 unacked", "2/10 unacked", "idle".
    static QString detail(const FlowNode &node);
    static QString tooltip(const FlowNode &node);
    static QString edgeKindName(FlowEdgeKind kind);
    // An edge's counter as drawn on it.
    static QString edgeCount(const FlowEdge &edge);
    // "Showing 1 in 1,000 messages as moving dots; the counters are exact." or empty.
    static QString samplingNote(int sampleEvery, int droppedTokens);
    // The gist of a route explanation, one line per matching binding ("topic binding
    // 'kern.*' matched 'kern.critical': to queue 'q1'"), or why nothing matched ("no binding
    // matched: returned to the publisher"). `returned`/`dropped`: what the broker reported.
    static QString routeSummary(const observe::RouteExplanation &explanation, bool returned, bool dropped);
    // "12 nodes hidden: only the 300 busiest are drawn." or empty.
    static QString hiddenNote(int hidden, int cap);
};

} // namespace warren::ui
