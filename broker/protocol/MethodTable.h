// The AMQP 0-9-1 method set with RabbitMQ's extensions, declared once as data.
//
// WARREN_AMQP_METHODS lists every method: M(Class, Method, classId, methodId, "wire.name",
// carriesContent). The fields of each method are listed, in wire order, by the macro
// WARREN_FIELDS_<Class><Method>(F) as F(Kind, name). Methods.h turns this table into
// plain structs, and MethodCodec.h into one encoder and one decoder for all of them.
// Kinds: Bit Octet Short Long LongLong ShortStr LongStr Table (see FieldKind.h).
#pragma once

#define WARREN_AMQP_METHODS(M)                                                            \
    M(Connection, Start, 10, 10, "connection.start", false)                               \
    M(Connection, StartOk, 10, 11, "connection.start-ok", false)                          \
    M(Connection, Secure, 10, 20, "connection.secure", false)                             \
    M(Connection, SecureOk, 10, 21, "connection.secure-ok", false)                        \
    M(Connection, Tune, 10, 30, "connection.tune", false)                                 \
    M(Connection, TuneOk, 10, 31, "connection.tune-ok", false)                            \
    M(Connection, Open, 10, 40, "connection.open", false)                                 \
    M(Connection, OpenOk, 10, 41, "connection.open-ok", false)                            \
    M(Connection, Close, 10, 50, "connection.close", false)                               \
    M(Connection, CloseOk, 10, 51, "connection.close-ok", false)                          \
    M(Connection, Blocked, 10, 60, "connection.blocked", false)                           \
    M(Connection, Unblocked, 10, 61, "connection.unblocked", false)                       \
    M(Connection, UpdateSecret, 10, 70, "connection.update-secret", false)                \
    M(Connection, UpdateSecretOk, 10, 71, "connection.update-secret-ok", false)           \
    M(Channel, Open, 20, 10, "channel.open", false)                                       \
    M(Channel, OpenOk, 20, 11, "channel.open-ok", false)                                  \
    M(Channel, Flow, 20, 20, "channel.flow", false)                                       \
    M(Channel, FlowOk, 20, 21, "channel.flow-ok", false)                                  \
    M(Channel, Close, 20, 40, "channel.close", false)                                     \
    M(Channel, CloseOk, 20, 41, "channel.close-ok", false)                                \
    M(Exchange, Declare, 40, 10, "exchange.declare", false)                               \
    M(Exchange, DeclareOk, 40, 11, "exchange.declare-ok", false)                          \
    M(Exchange, Delete, 40, 20, "exchange.delete", false)                                 \
    M(Exchange, DeleteOk, 40, 21, "exchange.delete-ok", false)                            \
    M(Exchange, Bind, 40, 30, "exchange.bind", false)                                     \
    M(Exchange, BindOk, 40, 31, "exchange.bind-ok", false)                                \
    M(Exchange, Unbind, 40, 40, "exchange.unbind", false)                                 \
    M(Exchange, UnbindOk, 40, 51, "exchange.unbind-ok", false)                            \
    M(Queue, Declare, 50, 10, "queue.declare", false)                                     \
    M(Queue, DeclareOk, 50, 11, "queue.declare-ok", false)                                \
    M(Queue, Bind, 50, 20, "queue.bind", false)                                           \
    M(Queue, BindOk, 50, 21, "queue.bind-ok", false)                                      \
    M(Queue, Purge, 50, 30, "queue.purge", false)                                         \
    M(Queue, PurgeOk, 50, 31, "queue.purge-ok", false)                                    \
    M(Queue, Delete, 50, 40, "queue.delete", false)                                       \
    M(Queue, DeleteOk, 50, 41, "queue.delete-ok", false)                                  \
    M(Queue, Unbind, 50, 50, "queue.unbind", false)                                       \
    M(Queue, UnbindOk, 50, 51, "queue.unbind-ok", false)                                  \
    M(Basic, Qos, 60, 10, "basic.qos", false)                                             \
    M(Basic, QosOk, 60, 11, "basic.qos-ok", false)                                        \
    M(Basic, Consume, 60, 20, "basic.consume", false)                                     \
    M(Basic, ConsumeOk, 60, 21, "basic.consume-ok", false)                                \
    M(Basic, Cancel, 60, 30, "basic.cancel", false)                                       \
    M(Basic, CancelOk, 60, 31, "basic.cancel-ok", false)                                  \
    M(Basic, Publish, 60, 40, "basic.publish", true)                                      \
    M(Basic, Return, 60, 50, "basic.return", true)                                        \
    M(Basic, Deliver, 60, 60, "basic.deliver", true)                                      \
    M(Basic, Get, 60, 70, "basic.get", false)                                             \
    M(Basic, GetOk, 60, 71, "basic.get-ok", true)                                         \
    M(Basic, GetEmpty, 60, 72, "basic.get-empty", false)                                  \
    M(Basic, Ack, 60, 80, "basic.ack", false)                                             \
    M(Basic, Reject, 60, 90, "basic.reject", false)                                       \
    M(Basic, RecoverAsync, 60, 100, "basic.recover-async", false)                         \
    M(Basic, Recover, 60, 110, "basic.recover", false)                                    \
    M(Basic, RecoverOk, 60, 111, "basic.recover-ok", false)                               \
    M(Basic, Nack, 60, 120, "basic.nack", false)                                          \
    M(Confirm, Select, 85, 10, "confirm.select", false)                                   \
    M(Confirm, SelectOk, 85, 11, "confirm.select-ok", false)                              \
    M(Tx, Select, 90, 10, "tx.select", false)                                             \
    M(Tx, SelectOk, 90, 11, "tx.select-ok", false)                                        \
    M(Tx, Commit, 90, 20, "tx.commit", false)                                             \
    M(Tx, CommitOk, 90, 21, "tx.commit-ok", false)                                        \
    M(Tx, Rollback, 90, 30, "tx.rollback", false)                                         \
    M(Tx, RollbackOk, 90, 31, "tx.rollback-ok", false)

// ---- connection -------------------------------------------------------------------------
#define WARREN_FIELDS_ConnectionStart(F) \
    F(Octet, versionMajor) F(Octet, versionMinor) F(Table, serverProperties) \
    F(LongStr, mechanisms) F(LongStr, locales)
#define WARREN_FIELDS_ConnectionStartOk(F) \
    F(Table, clientProperties) F(ShortStr, mechanism) F(LongStr, response) F(ShortStr, locale)
#define WARREN_FIELDS_ConnectionSecure(F) F(LongStr, challenge)
#define WARREN_FIELDS_ConnectionSecureOk(F) F(LongStr, response)
#define WARREN_FIELDS_ConnectionTune(F) F(Short, channelMax) F(Long, frameMax) F(Short, heartbeat)
#define WARREN_FIELDS_ConnectionTuneOk(F) F(Short, channelMax) F(Long, frameMax) F(Short, heartbeat)
#define WARREN_FIELDS_ConnectionOpen(F) F(ShortStr, virtualHost) F(ShortStr, capabilities) F(Bit, insist)
#define WARREN_FIELDS_ConnectionOpenOk(F) F(ShortStr, knownHosts)
#define WARREN_FIELDS_ConnectionClose(F) \
    F(Short, replyCode) F(ShortStr, replyText) F(Short, classId) F(Short, methodId)
#define WARREN_FIELDS_ConnectionCloseOk(F)
#define WARREN_FIELDS_ConnectionBlocked(F) F(ShortStr, reason)
#define WARREN_FIELDS_ConnectionUnblocked(F)
#define WARREN_FIELDS_ConnectionUpdateSecret(F) F(LongStr, newSecret) F(ShortStr, reason)
#define WARREN_FIELDS_ConnectionUpdateSecretOk(F)

// ---- channel ----------------------------------------------------------------------------
#define WARREN_FIELDS_ChannelOpen(F) F(ShortStr, outOfBand)
#define WARREN_FIELDS_ChannelOpenOk(F) F(LongStr, channelId)
#define WARREN_FIELDS_ChannelFlow(F) F(Bit, active)
#define WARREN_FIELDS_ChannelFlowOk(F) F(Bit, active)
#define WARREN_FIELDS_ChannelClose(F) \
    F(Short, replyCode) F(ShortStr, replyText) F(Short, classId) F(Short, methodId)
#define WARREN_FIELDS_ChannelCloseOk(F)

// ---- exchange ---------------------------------------------------------------------------
#define WARREN_FIELDS_ExchangeDeclare(F) \
    F(Short, ticket) F(ShortStr, exchange) F(ShortStr, type) F(Bit, passive) F(Bit, durable) \
    F(Bit, autoDelete) F(Bit, internal) F(Bit, noWait) F(Table, arguments)
#define WARREN_FIELDS_ExchangeDeclareOk(F)
#define WARREN_FIELDS_ExchangeDelete(F) F(Short, ticket) F(ShortStr, exchange) F(Bit, ifUnused) F(Bit, noWait)
#define WARREN_FIELDS_ExchangeDeleteOk(F)
#define WARREN_FIELDS_ExchangeBind(F) \
    F(Short, ticket) F(ShortStr, destination) F(ShortStr, source) F(ShortStr, routingKey) \
    F(Bit, noWait) F(Table, arguments)
#define WARREN_FIELDS_ExchangeBindOk(F)
#define WARREN_FIELDS_ExchangeUnbind(F) WARREN_FIELDS_ExchangeBind(F)
#define WARREN_FIELDS_ExchangeUnbindOk(F)

// ---- queue ------------------------------------------------------------------------------
#define WARREN_FIELDS_QueueDeclare(F) \
    F(Short, ticket) F(ShortStr, queue) F(Bit, passive) F(Bit, durable) F(Bit, exclusive) \
    F(Bit, autoDelete) F(Bit, noWait) F(Table, arguments)
#define WARREN_FIELDS_QueueDeclareOk(F) F(ShortStr, queue) F(Long, messageCount) F(Long, consumerCount)
#define WARREN_FIELDS_QueueBind(F) \
    F(Short, ticket) F(ShortStr, queue) F(ShortStr, exchange) F(ShortStr, routingKey) \
    F(Bit, noWait) F(Table, arguments)
#define WARREN_FIELDS_QueueBindOk(F)
#define WARREN_FIELDS_QueuePurge(F) F(Short, ticket) F(ShortStr, queue) F(Bit, noWait)
#define WARREN_FIELDS_QueuePurgeOk(F) F(Long, messageCount)
#define WARREN_FIELDS_QueueDelete(F) \
    F(Short, ticket) F(ShortStr, queue) F(Bit, ifUnused) F(Bit, ifEmpty) F(Bit, noWait)
#define WARREN_FIELDS_QueueDeleteOk(F) F(Long, messageCount)
#define WARREN_FIELDS_QueueUnbind(F) \
    F(Short, ticket) F(ShortStr, queue) F(ShortStr, exchange) F(ShortStr, routingKey) F(Table, arguments)
#define WARREN_FIELDS_QueueUnbindOk(F)

// ---- basic ------------------------------------------------------------------------------
#define WARREN_FIELDS_BasicQos(F) F(Long, prefetchSize) F(Short, prefetchCount) F(Bit, global)
#define WARREN_FIELDS_BasicQosOk(F)
#define WARREN_FIELDS_BasicConsume(F) \
    F(Short, ticket) F(ShortStr, queue) F(ShortStr, consumerTag) F(Bit, noLocal) F(Bit, noAck) \
    F(Bit, exclusive) F(Bit, noWait) F(Table, arguments)
#define WARREN_FIELDS_BasicConsumeOk(F) F(ShortStr, consumerTag)
#define WARREN_FIELDS_BasicCancel(F) F(ShortStr, consumerTag) F(Bit, noWait)
#define WARREN_FIELDS_BasicCancelOk(F) F(ShortStr, consumerTag)
#define WARREN_FIELDS_BasicPublish(F) \
    F(Short, ticket) F(ShortStr, exchange) F(ShortStr, routingKey) F(Bit, mandatory) F(Bit, immediate)
#define WARREN_FIELDS_BasicReturn(F) \
    F(Short, replyCode) F(ShortStr, replyText) F(ShortStr, exchange) F(ShortStr, routingKey)
#define WARREN_FIELDS_BasicDeliver(F) \
    F(ShortStr, consumerTag) F(LongLong, deliveryTag) F(Bit, redelivered) F(ShortStr, exchange) \
    F(ShortStr, routingKey)
#define WARREN_FIELDS_BasicGet(F) F(Short, ticket) F(ShortStr, queue) F(Bit, noAck)
#define WARREN_FIELDS_BasicGetOk(F) \
    F(LongLong, deliveryTag) F(Bit, redelivered) F(ShortStr, exchange) F(ShortStr, routingKey) \
    F(Long, messageCount)
#define WARREN_FIELDS_BasicGetEmpty(F) F(ShortStr, clusterId)
#define WARREN_FIELDS_BasicAck(F) F(LongLong, deliveryTag) F(Bit, multiple)
#define WARREN_FIELDS_BasicReject(F) F(LongLong, deliveryTag) F(Bit, requeue)
#define WARREN_FIELDS_BasicRecoverAsync(F) F(Bit, requeue)
#define WARREN_FIELDS_BasicRecover(F) F(Bit, requeue)
#define WARREN_FIELDS_BasicRecoverOk(F)
#define WARREN_FIELDS_BasicNack(F) F(LongLong, deliveryTag) F(Bit, multiple) F(Bit, requeue)

// ---- confirm, tx ------------------------------------------------------------------------
#define WARREN_FIELDS_ConfirmSelect(F) F(Bit, noWait)
#define WARREN_FIELDS_ConfirmSelectOk(F)
#define WARREN_FIELDS_TxSelect(F)
#define WARREN_FIELDS_TxSelectOk(F)
#define WARREN_FIELDS_TxCommit(F)
#define WARREN_FIELDS_TxCommitOk(F)
#define WARREN_FIELDS_TxRollback(F)
#define WARREN_FIELDS_TxRollbackOk(F)
