"""Raw-socket tests of method-level rules: the connection handshake, channel states, and
methods a client library would refuse to send.

Covers: handshake failures (bad password, unknown mechanism, out-of-order methods,
frame_max / channel_max outside the server's limits) -> the socket is closed without a
connection.close; with the authentication_failure_close capability a bad login gets
403 ACCESS_REFUSED; an unknown vhost -> 530; channel.open before connection.open -> 505;
a method on a channel that is not open -> 504; channel.open twice -> 504; methods on
channel 0 that belong on a channel, and vice versa -> 504 / 503; a server-only method
sent by the client -> 503; an unknown class or method id; basic.qos with
prefetch_size != 0 -> 540; methods sent while a channel.close is pending are ignored
and the channel number is reusable after close-ok; client-initiated channel.close and
connection.close get their -ok; server-generated consumer tags (amq.ctag-...); reusing a
consumer tag -> 530; basic.cancel of an unknown tag -> cancel-ok; an empty queue name
means "the last queue declared on this channel" (404 when there is none).

RabbitMQ's limits on a client: a connection not open within handshake_timeout (10 s),
whatever step it stopped at, is closed without a frame; after the client's
connection.close the broker answers close-ok and leaves the socket to the client (closing
it itself after the heartbeat interval, at most 30 s), dropping what still arrives, so that a
client still writing is not reset; channel_max counts open channels, whatever
their numbers (65535 is fine under channel_max 3): one more is 530 NOT_ALLOWED.
"""

import socket
import time
import unittest

import frames as F
from support import WireTestCase

BASIC_CONSUME, BASIC_CONSUME_OK = (60, 20), (60, 21)
BASIC_CANCEL, BASIC_CANCEL_OK = (60, 30), (60, 31)


def consume_args(queue, tag="", no_ack=False):
    return F.short(0) + F.shortstr(queue) + F.shortstr(tag) + F.bits(False, no_ack, False, False) \
        + F.table()


def tune_ok(channel_max=2047, frame_max=131072, heartbeat=0):
    return F.method_frame(0, F.CONNECTION_TUNE_OK,
                          F.short(channel_max) + F.long_(frame_max) + F.short(heartbeat))


OPEN_VHOST = F.method_frame(0, F.CONNECTION_OPEN, F.shortstr("/") + F.shortstr("") + F.bits(False))


class Handshake(WireTestCase):
    def _started(self):
        c = self.raw(handshake=False)
        c.send(F.PROTOCOL_HEADER)
        c.recv_method(F.CONNECTION_START)
        return c

    def _tuning(self):
        c = self._started()
        c.send(F.method_frame(0, F.CONNECTION_START_OK, F.start_ok()))
        c.recv_method(F.CONNECTION_TUNE)
        return c

    def test_failures_close_the_socket_silently(self):
        # RabbitMQ closes these after a fixed delay (about 3 s) without sending any frame.
        # All connections are started first so that the delays overlap.
        def after_start(frame):
            c = self._started()
            c.send(frame)
            return c

        def after_tune(frame):
            c = self._tuning()
            c.send(frame)
            return c

        conns = {
            "bad password": after_start(
                F.method_frame(0, F.CONNECTION_START_OK, F.start_ok(password="wrong"))),
            "unknown mechanism": after_start(
                F.method_frame(0, F.CONNECTION_START_OK, F.start_ok(mechanism="FOO"))),
            "connection.open before start-ok": after_start(OPEN_VHOST),
            "connection.open before tune-ok": after_tune(OPEN_VHOST),
            "frame_max below 4096": after_tune(tune_ok(frame_max=1024)),
            "frame_max above the server's": after_tune(tune_ok(frame_max=200000)),
            "frame_max 0 (unlimited)": after_tune(tune_ok(frame_max=0)),
            "channel_max above the server's": after_tune(tune_ok(channel_max=5000)),
            "channel_max 0 (unlimited)": after_tune(tune_ok(channel_max=0)),
        }
        for name, c in conns.items():
            with self.subTest(name):
                self.assertSilentClose(c)

    def test_bad_password_with_authentication_failure_close(self):
        c = self._started()
        caps = F.table({"authentication_failure_close": ("t", b"\x01")})
        c.send(F.method_frame(0, F.CONNECTION_START_OK,
                              F.table({"capabilities": ("F", caps)}) + F.shortstr("PLAIN")
                              + F.longstr(b"\x00guest\x00wrong") + F.shortstr("en_US")))
        f = c.recv_method(F.CONNECTION_CLOSE, timeout=10)
        self.assertEqual(F.parse_close(f), (403, "ACCESS_REFUSED - Login was refused using "
                                                 "authentication mechanism PLAIN. For details "
                                                 "see the broker logfile.", 0, 0))
        self.assertSilentClose(c)

    def test_unknown_vhost(self):
        c = self._tuning()
        c.send(tune_ok())
        c.send(F.method_frame(0, F.CONNECTION_OPEN, F.shortstr("nope") + F.shortstr("") + F.bits(False)))
        self.assertHardError(c, 530, "NOT_ALLOWED - vhost nope not found", 10, 40)

    def test_channel_open_before_connection_open(self):
        c = self._tuning()
        c.send(tune_ok())
        c.send(F.method_frame(1, F.CHANNEL_OPEN, F.shortstr("")))
        self.assertHardError(c, 505, "UNEXPECTED_FRAME - type 1, all octets = <<0,20,0,10,0>>")

    def test_client_connection_close(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(0, F.CONNECTION_CLOSE, F.close_args(200, "Goodbye")))
        c.recv_method(F.CONNECTION_CLOSE_OK)
        # the spec lets the client close the socket now; RabbitMQ also keeps it open a while

    def test_handshake_timeout_in_every_state(self):
        # RabbitMQ's handshake_timeout (10 s) counts from the accept; the connection is
        # closed without a frame whatever step it stopped at. All wait at the same time.
        def stopped_after(step):
            c = self.raw(handshake=False)
            if step >= 1:
                c.send(F.PROTOCOL_HEADER)
                c.recv_method(F.CONNECTION_START)
            if step >= 2:
                c.send(F.method_frame(0, F.CONNECTION_START_OK, F.start_ok()))
                c.recv_method(F.CONNECTION_TUNE)
            if step >= 3:
                c.send(tune_ok())
            return c

        began = time.monotonic()
        conns = {"no bytes": stopped_after(0), "protocol header only": stopped_after(1),
                 "no tune-ok": stopped_after(2), "no connection.open": stopped_after(3)}
        for name, c in conns.items():
            with self.subTest(name):
                self.assertSilentClose(c, timeout=20)
                self.assertGreaterEqual(time.monotonic() - began, 9.0)
        self.assertLess(time.monotonic() - began, 15.0)

    def test_client_close_leaves_the_socket_to_the_client(self):
        c = self.raw(channel=1, heartbeat=2)
        c.send(F.method_frame(0, F.CONNECTION_CLOSE, F.close_args(200, "Goodbye")))
        c.recv_method(F.CONNECTION_CLOSE_OK)
        began = time.monotonic()
        # still arriving after the close: dropped, without an answer or a reset
        c.send(F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args("", exclusive=True)))
        # for a second: open, and quiet (heartbeats aside, which come every second here)
        while (left := began + 1.0 - time.monotonic()) > 0:
            c.sock.settimeout(left)
            try:
                data = c.sock.recv(100)
            except socket.timeout:
                break
            self.assertNotEqual(data, b"", "the broker closed the socket at once")
            self.assertEqual(data[0], F.FRAME_HEARTBEAT, data)
        # the client does not close: the broker does, after the heartbeat interval
        with self.assertRaises(F.ConnectionClosedByPeer):
            while True:
                f = c.recv_frame(timeout=10, skip_heartbeats=False)
                self.assertEqual(f.type, F.FRAME_HEARTBEAT, f)
        self.assertLess(time.monotonic() - began, 5.0)

    def test_client_may_still_write_after_its_close(self):
        # Node's amqplib writes its publishes and then its close, and may still be writing
        # when the close is read: a broker that closes the socket at once resets it, and
        # the client gets EPIPE instead of close-ok. The publishes before the close count,
        # what comes after it is dropped.
        name = self.declare_queue(self.channel())
        c = self.raw(channel=1)
        publish = F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", name)) \
            + F.header_frame(1, 4) + F.body_frame(1, b"body")
        c.send(publish * 2000 + F.method_frame(0, F.CONNECTION_CLOSE, F.close_args(200, "done")))
        for _ in range(3):
            time.sleep(0.2)
            c.send(publish)   # raises BrokenPipeError / ConnectionResetError if reset
        c.recv_method(F.CONNECTION_CLOSE_OK, timeout=10)
        self.wait_counts(name, messages=2000)
        c.close()


class ChannelState(WireTestCase):
    def test_method_on_a_channel_that_is_not_open(self):
        c = self.raw()
        c.send(F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args("q")))
        self.assertHardError(c, 504, "CHANNEL_ERROR - expected 'channel.open'", 50, 10)

    def test_channel_open_twice(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.CHANNEL_OPEN, F.shortstr("")))
        self.assertHardError(c, 504, "CHANNEL_ERROR - second 'channel.open' seen", 20, 10)

    def test_channel_open_on_channel_zero(self):
        c = self.raw()
        c.send(F.method_frame(0, F.CHANNEL_OPEN, F.shortstr("")))
        self.assertHardError(c, 504, "CHANNEL_ERROR - unexpected method in connection state "
                                     "running", 20, 10)

    def test_channel_method_on_channel_zero(self):
        c = self.raw()
        c.send(F.method_frame(0, F.QUEUE_DECLARE, F.queue_declare_args("q")))
        self.assertHardError(c, 504, "CHANNEL_ERROR - unexpected method in connection state "
                                     "running", 50, 10)

    def test_tune_ok_after_open(self):
        c = self.raw()
        c.send(tune_ok())
        self.assertHardError(c, 504, "CHANNEL_ERROR - unexpected method in connection state "
                                     "running", 10, 31)

    def test_connection_method_on_a_channel(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.CONNECTION_OPEN, F.shortstr("/") + F.shortstr("") + F.bits(False)))
        self.assertHardError(c, 503, "COMMAND_INVALID - unimplemented method", 10, 40)

    def test_server_method_sent_by_client(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.QUEUE_DECLARE_OK, F.shortstr("q") + F.long_(0) + F.long_(0)))
        self.assertHardError(c, 503, "COMMAND_INVALID - unimplemented method", 50, 11)

    def test_unsolicited_channel_close_ok(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.CHANNEL_CLOSE_OK))
        self.assertHardError(c, 503, "COMMAND_INVALID - unimplemented method", 20, 41)

    def test_use_of_a_channel_the_client_closed(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.CHANNEL_CLOSE, F.close_args(200, "done")))
        f = c.recv_method(F.CHANNEL_CLOSE_OK)
        self.assertEqual(f.channel, 1)
        c.send(F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args("q")))
        self.assertHardError(c, 504, "CHANNEL_ERROR - expected 'channel.open'", 50, 10)

    def test_channel_max_counts_open_channels(self):
        c = self.raw(channel_max=3)
        for number in (1, 700, 65535):   # any numbers: RabbitMQ counts channels
            c.open_channel(number)
        c.send(F.method_frame(700, F.CHANNEL_CLOSE, F.close_args(200, "done")))
        c.recv_method(F.CHANNEL_CLOSE_OK)
        c.open_channel(2)                # room again
        c.send(F.method_frame(3, F.CHANNEL_OPEN, F.shortstr("")))
        self.assertHardError(c, 530, "NOT_ALLOWED - number of channels opened (3) has reached "
                                     "the negotiated channel_max (3)")

    def test_channel_max_comes_before_the_frame_itself(self):
        # not a channel.open, not even a method: at the limit the count is the answer
        for frame in (F.method_frame(2, F.QUEUE_DECLARE, F.queue_declare_args("q")),
                      F.header_frame(2, 0)):
            with self.subTest(frame=frame[:1]):
                c = self.raw(channel_max=1, channel=1)
                c.send(frame)
                self.assertHardError(c, 530, "NOT_ALLOWED - number of channels opened (1) has "
                                             "reached the negotiated channel_max (1)")

    def test_methods_before_close_ok_are_ignored_and_channel_is_reusable(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args("it.no.such.q", passive=True)))
        f = c.recv_method(F.CHANNEL_CLOSE)
        self.assertEqual(F.parse_close(f),
                         (404, "NOT_FOUND - no queue 'it.no.such.q' in vhost '/'", 50, 10))
        # sent after the broker's channel.close but before our close-ok: dropped silently
        c.send(F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args("", exclusive=True)))
        c.send(F.method_frame(1, F.CHANNEL_CLOSE_OK))
        c.open_channel(1)                       # the next frame is open-ok, nothing before it

    def test_unknown_class_and_method_ids(self):
        # RabbitMQ's reader crashes on an unknown (class, method) pair and drops the socket
        # without connection.close. Warren may do the same or, more politely, send
        # connection.close 540 NOT_IMPLEMENTED naming the ids; both end the connection.
        for ids in [(99, 10), (60, 99), (10, 99)]:
            with self.subTest(ids=ids):
                c = self.raw(channel=1)
                c.send(F.method_frame(1 if ids[0] != 10 else 0, ids))
                try:
                    f = c.recv_frame(timeout=10)
                except F.ConnectionClosedByPeer:
                    continue
                self.assertEqual(f.method, F.CONNECTION_CLOSE, f)
                code, _, class_id, method_id = F.parse_close(f)
                self.assertEqual((code, class_id, method_id), (540,) + ids)
                c.send(F.method_frame(0, F.CONNECTION_CLOSE_OK))
                self.assertSilentClose(c)

    def test_qos_with_prefetch_size(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.BASIC_QOS, F.long_(1) + F.short(0) + F.bits(False)))
        self.assertHardError(c, 540, "NOT_IMPLEMENTED - prefetch_size!=0 (1)", 60, 10)


class Consumers(WireTestCase):
    def _queue(self, c, channel=1):
        c.send(F.method_frame(channel, F.QUEUE_DECLARE, F.queue_declare_args("", exclusive=True)))
        return F.Reader(c.recv_method(F.QUEUE_DECLARE_OK).payload, 4).shortstr()

    def _consume(self, c, q, tag=""):
        c.send(F.method_frame(1, BASIC_CONSUME, consume_args(q, tag)))
        return F.Reader(c.recv_method(BASIC_CONSUME_OK).payload, 4).shortstr()

    def test_server_generated_consumer_tags(self):
        c = self.raw(channel=1)
        q = self._queue(c)
        t1, t2 = self._consume(c, q), self._consume(c, q)
        self.assertRegex(t1, r"^amq\.ctag-[A-Za-z0-9_-]{22}$")
        self.assertRegex(t2, r"^amq\.ctag-[A-Za-z0-9_-]{22}$")
        self.assertNotEqual(t1, t2)
        self.assertEqual(self._consume(c, q, "my-tag"), "my-tag")

    def test_reused_consumer_tag_closes_the_connection(self):
        c = self.raw(channel=1)
        q = self._queue(c)
        self._consume(c, q, "mine")
        c.send(F.method_frame(1, BASIC_CONSUME, consume_args(q, "mine")))
        self.assertHardError(c, 530, "NOT_ALLOWED - attempt to reuse consumer tag 'mine'", 60, 20)

    def test_same_tag_on_two_channels_is_fine(self):
        c = self.raw(channel=1)
        c.open_channel(2)
        q = self._queue(c)
        self._consume(c, q, "shared")
        c.send(F.method_frame(2, BASIC_CONSUME, consume_args(q, "shared")))
        f = c.recv_method(BASIC_CONSUME_OK)
        self.assertEqual(f.channel, 2)

    def test_cancel_unknown_tag(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, BASIC_CANCEL, F.shortstr("nobody") + F.bits(False)))
        f = c.recv_method(BASIC_CANCEL_OK)
        self.assertEqual(F.Reader(f.payload, 4).shortstr(), "nobody")

    def test_empty_queue_name_means_last_declared(self):
        c = self.raw(channel=1)
        q = self._queue(c)
        c.send(F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", q))
               + F.header_frame(1, 1) + F.body_frame(1, b"z"))
        c.send(F.method_frame(1, F.BASIC_GET, F.get_args("")))     # "" = q
        f = c.recv_method(F.BASIC_GET_OK)
        r = F.Reader(f.payload, 4)
        r.longlong(), r.octet(), r.shortstr()
        self.assertEqual(r.shortstr(), q)          # routing key of the delivery

    def test_empty_queue_name_without_declared_queue(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.BASIC_GET, F.get_args("")))
        self.assertSoftError(c, 1, 404, "NOT_FOUND - no previously declared queue", 60, 70)
        c.open_channel(1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
