#include "FuzzSeeds.h"

#include "protocol/BasicProperties.h"
#include "protocol/ByteWriter.h"
#include "protocol/FieldCodec.h"
#include "protocol/FrameWriter.h"

namespace warren::fuzz {

namespace {

using namespace warren::amqp;

class Script {
public:
    template <class M> Script &method(std::uint16_t channel, const M &m)
    {
        writer_.method(channel, m);
        return *this;
    }
    Script &content(std::uint16_t channel, const BasicProperties &p, const QByteArray &body)
    {
        writer_.content(channel, p.encode(), body);
        return *this;
    }
    QByteArray bytes() { return out_.takeAll(); }

private:
    OutputBuffer out_;
    FrameWriter writer_{out_};
};

BasicProperties richProperties()
{
    BasicProperties p;
    p.contentType = "application/json";
    p.deliveryMode = 2;
    p.priority = 5;
    p.headers = FieldTable{{"n", FieldValue::integer(7)}, {"s", FieldValue::string("x")}};
    p.expiration = "60000";
    p.correlationId = "c-1";
    p.replyTo = "amq.rabbitmq.reply-to";
    return p;
}

} // namespace

namespace {
QByteArray login(const QByteArray &mechanism, const QByteArray &response, const QByteArray &vhost,
                 std::uint16_t channelMax = 2047, std::uint32_t frameMax = 131072, std::uint16_t heartbeat = 0)
{
    Script s;
    s.method(0, ConnectionStartOk{FieldTable{{"product", FieldValue::string("fuzz")}}, mechanism, response, "en_US"})
        .method(0, ConnectionTuneOk{channelMax, frameMax, heartbeat})
        .method(0, ConnectionOpen{vhost, {}, false})
        .method(1, ChannelOpen{})
        .method(0, ConnectionClose{200, "bye", 0, 0});
    return QByteArray(kProtocolHeader, sizeof kProtocolHeader) + s.bytes();
}

QByteArray plain(const QByteArray &user, const QByteArray &password)
{
    return '\0' + user + '\0' + password;
}

QByteArray amqplain(const QByteArray &user, const QByteArray &password)
{
    QByteArray encoded;
    {
        ByteWriter out(encoded);
        encodeTable(out, FieldTable{{"LOGIN", FieldValue::string(user)}, {"PASSWORD", FieldValue::string(password)}});
    }
    return encoded.sliced(4);   // AMQPLAIN's response is the table's body, without its length
}
} // namespace

QList<QByteArray> logins()
{
    return {login("PLAIN", plain("guest", "guest"), "/"),
            login("PLAIN", plain("alice", "secret"), "shop"),
            login("PLAIN", plain("alice", "wrong"), "/"),
            login("PLAIN", plain("bob", "hunter2"), "/"),
            login("PLAIN", plain("nobody", "x"), "/"),
            login("PLAIN", "\0\0", "/"),
            login("AMQPLAIN", amqplain("guest", "guest"), "/"),
            login("EXTERNAL", "", "/"),
            login("PLAIN", plain("guest", "guest"), "no-such-vhost"),
            login("PLAIN", plain("guest", "guest"), "/", 0, 4096, 1),
            login("PLAIN", plain("guest", "guest"), "/", 1, 0xFFFFFFFF, 65535)};
}

QByteArray durableConversation()
{
    BasicProperties persistent;
    persistent.deliveryMode = 2;
    BasicProperties cc = persistent;   // no reply_to: there is no reply consumer here
    cc.priority = 3;
    cc.headers = FieldTable{{"CC", FieldValue::array({FieldValue::string("d.other")})}, {"n", FieldValue::integer(7)}};
    Script s;
    s.method(1, ExchangeDeclare{0, "d.x", "direct", false, true, false, false, false, {}})
        .method(1, QueueDeclare{0, "d.q", false, true, false, false, false, {}})
        .method(1, QueueDeclare{0, "d.other", false, true, false, false, false,
                                FieldTable{{"x-max-priority", FieldValue::integer(5)}}})
        .method(1, QueueBind{0, "d.q", "d.x", "k", false, {}})
        .method(1, QueueBind{0, "d.other", "d.x", "d.other", false, {}})
        .method(1, ConfirmSelect{false});
    for (int i = 0; i < 6; ++i)
        s.method(1, BasicPublish{0, "d.x", "k", false, false}).content(1, i % 2 ? cc : persistent, QByteArray::number(i));
    s.method(1, BasicPublish{0, "", "d.q", false, false}).content(1, persistent, QByteArray(70000, 'b'))
        .method(1, BasicGet{0, "d.q", false})
        .method(1, BasicAck{1, false})
        .method(1, BasicGet{0, "d.other", false});
    return s.bytes();
}

QByteArray handshake()
{
    Script s;
    s.method(0, ConnectionStartOk{{}, "PLAIN", QByteArray("\0guest\0guest", 12), "en_US"})
        .method(0, ConnectionTuneOk{2047, 131072, 0})
        .method(0, ConnectionOpen{"/", {}, false})
        .method(1, ChannelOpen{});
    return QByteArray(kProtocolHeader, sizeof kProtocolHeader) + s.bytes();
}

QList<QByteArray> conversations()
{
    QList<QByteArray> seeds;
    seeds << Script()
                 .method(1, QueueDeclare{0, "q", false, false, false, false, false, {}})
                 .method(1, BasicPublish{0, "", "q", true, false})
                 .content(1, BasicProperties{}, "hello")
                 .method(1, BasicGet{0, "q", false})
                 .method(1, BasicAck{1, false})
                 .bytes();
    seeds << Script()
                 .method(1, ExchangeDeclare{0, "t", "topic", false, false, true, false, false, {}})
                 .method(1, QueueDeclare{0, "", false, false, true, false, false, {}})
                 .method(1, QueueBind{0, "", "t", "a.*.#", false, {}})
                 .method(1, ConfirmSelect{false})
                 .method(1, BasicPublish{0, "t", "a.b.c", false, false})
                 .content(1, richProperties(), QByteArray(300000, 'x'))
                 .bytes();
    seeds << Script()
                 .method(1, QueueDeclare{0, "w", false, false, false, false, false, {}})
                 .method(1, BasicQos{0, 2, false})
                 .method(1, BasicConsume{0, "w", "tag", false, false, false, false, {}})
                 .method(1, BasicPublish{0, "", "w", false, false})
                 .content(1, BasicProperties{}, "1")
                 .method(1, BasicPublish{0, "", "w", false, false})
                 .content(1, BasicProperties{}, "2")
                 .method(1, BasicNack{0, true, true})
                 .method(1, BasicRecover{true})
                 .method(1, BasicCancel{"tag", false})
                 .method(1, QueueDelete{0, "w", false, false, false})
                 .method(1, ChannelClose{200, "bye", 0, 0})
                 .bytes();
    seeds << Script()
                 .method(1, ExchangeDeclare{0, "h", "headers", false, false, true, false, false, {}})
                 .method(1, QueueDeclare{0, "hq", false, false, false, true, false, {}})
                 .method(1, QueueBind{0, "hq", "h", "", false,
                                      FieldTable{{"x-match", FieldValue::string("any")},
                                                 {"n", FieldValue::integer(7)}}})
                 .method(1, BasicPublish{0, "h", "", false, false})
                 .content(1, richProperties(), "routed by headers")
                 .method(1, ExchangeBind{0, "amq.fanout", "h", "", false, {}})
                 .method(1, ExchangeDelete{0, "h", false, false})
                 .method(0, ConnectionClose{200, "done", 0, 0})
                 .bytes();
    return seeds;
}

} // namespace warren::fuzz
