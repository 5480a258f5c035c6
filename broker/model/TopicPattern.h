// One topic binding key against one routing key, step by step, for route explanations:
// which key words each pattern word took, or where the two parted. Routing itself goes
// through the TopicTrie, all bindings at once; the randomized test in tst_routeexplainer
// holds the two to the same answers.
#pragma once

#include "observe/RouteExplanation.h"

namespace warren::model {

struct TopicPatternMatch {
    bool matched = false;
    // Matched: every pattern word with the key words it took. Not matched: the furthest the
    // pattern got into the key, then the step that failed there.
    QList<observe::TopicStep> steps;
};

TopicPatternMatch matchTopicPattern(QByteArrayView pattern, QByteArrayView routingKey);

} // namespace warren::model
