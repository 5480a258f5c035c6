// What the bench's rabbitmq-c clients share (warren-load's default client in
// amqp_load.cpp, and warren-persist): error reporting, one connection with
// channel 1 open, and strict option-number parsing. rabbitmq-c only; no Warren
// code, so the same binaries measure Warren and RabbitMQ alike.
#pragma once

#include <amqp.h>
#include <amqp_tcp_socket.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace warrenload {

constexpr amqp_channel_t kChannel = 1;              // the channel Connection opens
constexpr int kFrameMax = AMQP_DEFAULT_FRAME_SIZE;  // 128 KiB, as most clients ask

// Strict number parsing: a typo in a benchmark option must not silently become
// 0. `usage` reports the error and does not return.
template <typename T, typename Usage>
T parseNumber(std::string_view flag, const char *text, Usage usage)
{
    char *end = nullptr;
    errno = 0;
    const double value = std::strtod(text, &end);
    const double max = std::is_integral_v<T> ? static_cast<double>(std::numeric_limits<T>::max()) : 1e9;
    if (errno != 0 || end == text || *end != '\0' || value < 0 || value > max) {
        usage(std::string(flag) + " needs a number from 0 to " +
              std::to_string(static_cast<unsigned long long>(max)) + ", got '" + text + "'");
        std::abort();  // usage() exits; this only keeps the compiler sure of it
    }
    return static_cast<T>(value);
}

// ---- error reporting -------------------------------------------------------

inline std::string describe(const amqp_rpc_reply_t &reply)
{
    switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL:
        return "ok";
    case AMQP_RESPONSE_NONE:
        return "no RPC reply received (missing reply type)";
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
        return amqp_error_string2(reply.library_error);
    case AMQP_RESPONSE_SERVER_EXCEPTION:
        break;
    }
    // The broker closed the channel or connection: its reply text says why.
    if (reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
        const auto *c = static_cast<amqp_connection_close_t *>(reply.reply.decoded);
        return "broker closed the connection: " + std::to_string(c->reply_code) + " " +
               std::string(static_cast<char *>(c->reply_text.bytes), c->reply_text.len);
    }
    if (reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
        const auto *c = static_cast<amqp_channel_close_t *>(reply.reply.decoded);
        return "broker closed the channel: " + std::to_string(c->reply_code) + " " +
               std::string(static_cast<char *>(c->reply_text.bytes), c->reply_text.len);
    }
    char id[32];
    std::snprintf(id, sizeof id, "0x%08x", reply.reply.id);
    return std::string("unexpected server method ") + id;
}

inline void check(const amqp_rpc_reply_t &reply, const std::string &what)
{
    if (reply.reply_type != AMQP_RESPONSE_NORMAL)
        throw std::runtime_error(what + ": " + describe(reply));
}

inline void checkStatus(int status, const std::string &what)
{
    if (status != AMQP_STATUS_OK)
        throw std::runtime_error(what + ": " + amqp_error_string2(status));
}

// ---- connection ------------------------------------------------------------

// One TCP connection (guest/guest, vhost /) with channel kChannel open.
// Destroying it drops the socket; close() is the polite path that also
// surfaces late broker errors.
class Connection {
public:
    Connection(const std::string &host, int port, const std::string &role)
        : role_(role), conn_(amqp_new_connection())
    {
        if (!conn_)
            throw std::runtime_error(role_ + ": out of memory");
        amqp_socket_t *socket = amqp_tcp_socket_new(get());
        if (!socket)
            throw std::runtime_error(role_ + ": cannot create TCP socket");
        const int status = amqp_socket_open(socket, host.c_str(), port);
        if (status != AMQP_STATUS_OK)
            throw std::runtime_error(role_ + ": cannot connect to " + host + ":" +
                                     std::to_string(port) + ": " + amqp_error_string2(status) +
                                     " (is a broker listening there?)");
        // channel_max 0 = take the broker's; heartbeat 0 = off, because the
        // clients do not read the socket while blocked in a send or a long wait.
        check(amqp_login(get(), "/", 0, kFrameMax, 0, AMQP_SASL_METHOD_PLAIN, "guest", "guest"),
              role_ + ": login as guest to vhost /");
        amqp_channel_open(get(), kChannel);
        check(amqp_get_rpc_reply(get()), role_ + ": channel.open");
    }

    amqp_connection_state_t get() const { return conn_.get(); }
    const std::string &role() const { return role_; }

    void close()
    {
        check(amqp_channel_close(get(), kChannel, AMQP_REPLY_SUCCESS), role_ + ": channel.close");
        check(amqp_connection_close(get(), AMQP_REPLY_SUCCESS), role_ + ": connection.close");
    }

private:
    // Owned from the first line of the constructor, so a failed connect or
    // login (which throws) still frees it.
    struct Destroy {
        void operator()(amqp_connection_state_t c) const { amqp_destroy_connection(c); }
    };
    std::string role_;
    std::unique_ptr<amqp_connection_state_t_, Destroy> conn_;
};

}  // namespace warrenload
