// Parses the SASL responses of the mechanisms Warren offers: PLAIN and AMQPLAIN.
#pragma once

#include <QByteArray>

#include <optional>

namespace warren::auth {

struct Credentials {
    QByteArray username;
    QByteArray password;
};

// The mechanisms announced in connection.start, space separated.
inline constexpr const char *kSupportedMechanisms = "PLAIN AMQPLAIN";

bool isSupportedMechanism(const QByteArray &mechanism);
// nullopt when the response is malformed for its mechanism.
std::optional<Credentials> parseSaslResponse(const QByteArray &mechanism, const QByteArray &response);

} // namespace warren::auth
