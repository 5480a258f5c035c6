#include "FuzzSeeds.h"

#include "protocol/BasicProperties.h"
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
