#include "Methods.h"

namespace warren::amqp {

const char *methodName(MethodId id)
{
    switch (id) {
#define WARREN_NAME_CASE(Cls, Mth, ...) case Cls##Mth::id: return Cls##Mth::name;
        WARREN_AMQP_METHODS(WARREN_NAME_CASE)
#undef WARREN_NAME_CASE
    }
    return nullptr;
}

bool methodHasContent(MethodId id)
{
    switch (id) {
#define WARREN_CONTENT_CASE(Cls, Mth, ...) case Cls##Mth::id: return Cls##Mth::hasContent;
        WARREN_AMQP_METHODS(WARREN_CONTENT_CASE)
#undef WARREN_CONTENT_CASE
    }
    return false;
}

} // namespace warren::amqp
