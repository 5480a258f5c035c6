// A method's identity on the wire: class id in the high 16 bits, method id in the low.
#pragma once

#include <cstdint>

namespace warren::amqp {

using MethodId = std::uint32_t;

constexpr MethodId makeMethodId(std::uint16_t classId, std::uint16_t methodId)
{
    return (MethodId(classId) << 16) | methodId;
}
constexpr std::uint16_t classIdOf(MethodId id) { return std::uint16_t(id >> 16); }
constexpr std::uint16_t methodIndexOf(MethodId id) { return std::uint16_t(id & 0xFFFF); }

} // namespace warren::amqp
