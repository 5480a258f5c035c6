#include "StepFocus.h"

namespace warren::lesson {

namespace {

// A client and what it uses: a producer its exchange and the queue it declares, a consumer
// its queue.
void addClient(StepFocus &focus, const Scenario &scenario, const QString &name)
{
    const ClientDefinition *client = scenario.client(name);
    if (!client)
        return;
    focus.clients.insert(name);
    if (const auto *producer = std::get_if<sim::ProducerSpec>(&client->spec)) {
        focus.exchanges.insert(producer->exchange);
        if (producer->queue.declare)
            focus.queues.insert(producer->queue.name);
    } else {
        focus.queues.insert(std::get<sim::ConsumerSpec>(client->spec).queue.name);
    }
}

void addExpectation(StepFocus &focus, const Scenario &scenario, const Expectation &e)
{
    switch (e.kind) {
    case Expectation::Kind::Received:
    case Expectation::Kind::Sent:
    case Expectation::Kind::State:
    case Expectation::Kind::Connection:
        return addClient(focus, scenario, e.client);
    case Expectation::Kind::Routed:
        focus.exchanges.insert(e.exchange);
        [[fallthrough]];
    case Expectation::Kind::Queue:
        focus.queues.insert(e.queue);
        return;
    case Expectation::Kind::Returned:
    case Expectation::Kind::Unroutable:
    case Expectation::Kind::DeadLettered:
    case Expectation::Kind::Expired:
        return;   // about a whole virtual host: nothing in particular to point at
    }
}

} // namespace

StepFocus StepFocus::of(const Scenario &scenario, int step)
{
    StepFocus focus;
    if (step < 0 || step >= scenario.steps.size())
        return focus;
    for (const Action &a : scenario.steps[step].actions)
        addClient(focus, scenario, a.client);
    for (const Expectation &e : scenario.steps[step].expectations)
        addExpectation(focus, scenario, e);
    return focus;
}

} // namespace warren::lesson
