#include "SaslMechanism.h"

#include "protocol/ByteReader.h"
#include "protocol/FieldCodec.h"

namespace warren::auth {

namespace {

// PLAIN (RFC 4616): authzid NUL authcid NUL password.
std::optional<Credentials> parsePlain(const QByteArray &response)
{
    const QList<QByteArray> parts = response.split('\0');
    if (parts.size() != 3)
        return std::nullopt;
    return Credentials{parts[1], parts[2]};
}

// AMQPLAIN: a field table without its length prefix, holding LOGIN and PASSWORD.
std::optional<Credentials> parseAmqplain(const QByteArray &response)
{
    QByteArray framed(4, '\0');
    qToBigEndian(std::uint32_t(response.size()), framed.data());
    framed += response;
    amqp::ByteReader in(framed);
    const amqp::FieldTable table = amqp::decodeTable(in);
    const amqp::FieldValue *login = table.find("LOGIN");
    const amqp::FieldValue *password = table.find("PASSWORD");
    if (!in.ok() || !login || !password)
        return std::nullopt;
    return Credentials{login->toBytes(), password->toBytes()};
}

} // namespace

bool isSupportedMechanism(const QByteArray &mechanism)
{
    return mechanism == "PLAIN" || mechanism == "AMQPLAIN";
}

std::optional<Credentials> parseSaslResponse(const QByteArray &mechanism, const QByteArray &response)
{
    if (mechanism == "PLAIN")
        return parsePlain(response);
    if (mechanism == "AMQPLAIN")
        return parseAmqplain(response);
    return std::nullopt;
}

} // namespace warren::auth
