#include "Scenario.h"

namespace warren::lesson {

const ClientDefinition *Scenario::client(const QString &name) const
{
    for (const ClientDefinition &c : clients) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

} // namespace warren::lesson
