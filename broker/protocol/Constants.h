// Wire constants of AMQP 0-9-1 and the reply codes RabbitMQ uses.
#pragma once

#include <cstdint>

namespace warren::amqp {

inline constexpr char kProtocolHeader[8] = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

enum class FrameType : std::uint8_t {
    Method = 1,
    Header = 2,
    Body = 3,
    Heartbeat = 8,
};

inline constexpr std::uint8_t kFrameEnd = 0xCE;
inline constexpr std::uint32_t kFrameHeaderSize = 7;   // type, channel, size
inline constexpr std::uint32_t kFrameOverhead = 8;     // header + end octet
inline constexpr std::uint32_t kFrameMinSize = 4096;   // the spec's floor for frame_max

// Limits Warren announces in connection.tune, as RabbitMQ's defaults.
inline constexpr std::uint32_t kDefaultFrameMax = 131072;
inline constexpr std::uint16_t kDefaultChannelMax = 2047;
inline constexpr std::uint16_t kDefaultHeartbeatSeconds = 60;

enum class ReplyCode : std::uint16_t {
    Success = 200,
    ContentTooLarge = 311,
    NoRoute = 312,
    NoConsumers = 313,
    ConnectionForced = 320,
    InvalidPath = 402,
    AccessRefused = 403,
    NotFound = 404,
    ResourceLocked = 405,
    PreconditionFailed = 406,
    FrameError = 501,
    SyntaxError = 502,
    CommandInvalid = 503,
    ChannelError = 504,
    UnexpectedFrame = 505,
    ResourceError = 506,
    NotAllowed = 530,
    NotImplemented = 540,
    InternalError = 541,
};

// The constant name RabbitMQ puts in front of every reply text ("NOT_FOUND - ...").
const char *replyCodeName(ReplyCode code);

// Hard errors close the connection; soft ones only the channel (spec section 1.5.2).
bool isHardError(ReplyCode code);

} // namespace warren::amqp
