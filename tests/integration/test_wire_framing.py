"""Raw-socket tests of the byte level: protocol header and frame parsing (frames.py is
the encoder; no client library involved).

Covers: a wrong protocol header (other AMQP version, AMQP 1.0, HTTP) -> the broker
answers "AMQP\\x00\\x00\\x09\\x01" and closes; a partial header then EOF; after a good
handshake: garbage bytes, seeded random bytes, a bad frame-end octet, an unknown frame
type, a frame larger than the negotiated frame_max (and RabbitMQ's 8-byte tolerance),
a heartbeat on a non-zero channel, content frames out of order (body without header,
header without method, method inside content, header of another class), a body longer
than its header announced, a method with truncated arguments, malformed UTF-8 in a
shortstr, a truncated frame then EOF -- each with RabbitMQ's exact connection.close.
What is fine: a heartbeat between content frames, content on one channel interleaved
with methods on another. Published content headers RabbitMQ cannot decode (a headers
table with an unknown type tag, a length past its container, a truncated value, a NaN
or infinite float, a lone byte after the last entry; a property list too short, too long
or without flags) -> connection.close 541 "INTERNAL_ERROR" naming no method (RabbitMQ's
channel crashes), and nothing reaches the queue's consumer; a missing exchange is
reported first; what RabbitMQ does read ('L' values, names that are not UTF-8, flag bits
1 and 0) is relayed byte for byte. After every test the broker serves a new connection
(WireTestCase).

RabbitMQ's FRAME_ERROR texts embed Erlang terms: "type T, all octets = <<...>>: REASON",
where <<...>> is the frame payload (empty when the header alone was rejected) printed
the Erlang way: <<0,20,0,10,0>> for bytes, <<"abc">> when all are printable.
"""

import random
import socket
import struct
import unittest

import frames as F
from support import Collector, WireTestCase, pump

CHANNEL_OPEN_PAYLOAD = struct.pack(">HH", *F.CHANNEL_OPEN) + F.shortstr("")


class ProtocolHeader(WireTestCase):
    def _header_answer(self, data):
        c = self.raw(handshake=False)
        c.send(data)
        return c.read_until_closed(10)

    def test_wrong_amqp_version(self):
        self.assertEqual(self._header_answer(b"AMQP\x00\x00\x09\x02"), F.PROTOCOL_HEADER)

    def test_amqp_1_0(self):
        self.assertEqual(self._header_answer(b"AMQP\x00\x01\x00\x00"), F.PROTOCOL_HEADER)

    def test_http_request(self):
        self.assertEqual(self._header_answer(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
                         F.PROTOCOL_HEADER)

    def test_eight_bytes_of_http(self):
        self.assertEqual(self._header_answer(b"HTTP/1.1"), F.PROTOCOL_HEADER)

    def test_partial_header_then_eof(self):
        c = self.raw(handshake=False)
        c.send(b"AMQ")
        c.sock.shutdown(socket.SHUT_WR)
        self.assertEqual(c.read_until_closed(10), b"")

    def test_connection_start(self):
        c = self.raw(handshake=False)
        c.send(F.PROTOCOL_HEADER)
        start = F.parse_start(c.recv_method(F.CONNECTION_START))
        self.assertEqual((start["version_major"], start["version_minor"]), (0, 9))
        self.assertIn(b"PLAIN", start["mechanisms"].split())
        self.assertEqual(start["locales"], b"en_US")
        caps = start["server_properties"]["capabilities"]
        for cap in ("publisher_confirms", "exchange_exchange_bindings", "basic.nack",
                    "consumer_cancel_notify", "connection.blocked", "consumer_priorities",
                    "authentication_failure_close", "per_consumer_qos", "direct_reply_to"):
            self.assertIs(caps.get(cap), True, cap)
        for key in ("product", "version", "platform", "copyright", "information"):
            self.assertIsInstance(start["server_properties"].get(key), bytes, key)

    def test_connection_tune(self):
        c = self.raw()
        self.assertEqual(c.tune, {"channel_max": 2047, "frame_max": 131072, "heartbeat": 60})


class BadFrames(WireTestCase):
    def test_garbage(self):
        c = self.raw()
        c.send(b"GARBAGE!garbagegarbage")      # type 'G'=71, size 'BAGE' = 1111574341
        self.assertHardError(c, 501, "FRAME_ERROR - type 71, all octets = <<>>: "
                                     "{frame_too_large,1111574341,131064}")

    def test_random_bytes(self):
        data = random.Random(20240501).randbytes(64)
        ftype, size = data[0], struct.unpack(">I", data[3:7])[0]
        self.assertGreater(size, 131072)     # this seed: rejected on the frame header alone
        c = self.raw()
        c.send(data)
        self.assertHardError(c, 501, "FRAME_ERROR - type %d, all octets = <<>>: "
                                     "{frame_too_large,%d,131064}" % (ftype, size))

    def test_bad_frame_end_octet(self):
        c = self.raw()
        c.send(F.frame(F.FRAME_METHOD, 1, CHANNEL_OPEN_PAYLOAD, end=0x00))
        self.assertHardError(c, 501, "FRAME_ERROR - type 1, all octets = <<0,20,0,10,0>>: "
                                     "{invalid_frame_end_marker,0}")

    def test_unknown_frame_type(self):
        c = self.raw()
        c.send(F.frame(9, 0, b"abc"))
        self.assertHardError(c, 501, 'FRAME_ERROR - type 9, all octets = <<"abc">>: unknown_frame')

    def test_frame_larger_than_frame_max(self):
        c = self.raw(frame_max=4096, channel=1)
        c.send(F.frame(F.FRAME_BODY, 1, b"x" * 4097))
        self.assertHardError(c, 501, "FRAME_ERROR - type 3, all octets = <<>>: "
                                     "{frame_too_large,4097,4088}")

    def test_frame_header_announcing_too_much(self):
        c = self.raw(channel=1)
        c.send(struct.pack(">BHI", F.FRAME_METHOD, 1, 200000))    # header only, no payload
        self.assertHardError(c, 501, "FRAME_ERROR - type 1, all octets = <<>>: "
                                     "{frame_too_large,200000,131064}")

    def test_frame_max_is_a_payload_limit_with_tolerance(self):
        # frame_max counts the whole frame (payload + 8), yet RabbitMQ accepts payloads up
        # to frame_max itself (FRAME_SIZE_FUDGE, for old clients) and rejects only beyond.
        q_declare = F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args("", exclusive=True))
        c = self.raw(frame_max=4096, channel=1)
        c.send(q_declare)
        q = F.Reader(c.recv_method(F.QUEUE_DECLARE_OK).payload, 4).shortstr()
        c.send(F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", q))
               + F.header_frame(1, 4096) + F.body_frame(1, b"y" * 4096))
        c.send(F.method_frame(1, F.BASIC_GET, F.get_args(q)))
        c.recv_method(F.BASIC_GET_OK)
        c.recv_frame()
        self.assertEqual([len(c.recv_frame().payload), len(c.recv_frame().payload)], [4088, 8])

    def test_heartbeat_on_a_channel(self):
        c = self.raw(channel=1)
        c.send(F.heartbeat_frame(1))
        self.assertHardError(c, 505, "UNEXPECTED_FRAME - type 8, all octets = <<>>")

    def test_truncated_method_arguments(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.QUEUE_DECLARE, b"\x00"))
        self.assertHardError(c, 501, "FRAME_ERROR - cannot decode <<0>>", 50, 10)

    def test_malformed_utf8_in_shortstr(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.QUEUE_DECLARE, F.short(0) + F.shortstr(b"\xc3" * 10)
                              + F.bits(False, False, True) + F.table()))
        self.assertHardError(c, 501, "FRAME_ERROR - Malformed UTF-8 in shortstr")

    def test_truncated_frame_then_eof(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args("x"))[:9])
        c.sock.shutdown(socket.SHUT_WR)
        self.assertEqual(c.read_until_closed(10), b"")


class ContentFrames(WireTestCase):
    PUBLISH = F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", "nowhere"))

    def test_body_without_header(self):
        c = self.raw(channel=1)
        c.send(F.body_frame(1, b"hello"))
        self.assertHardError(c, 505, "UNEXPECTED_FRAME - expected method frame, got non method "
                                     "frame instead")

    def test_header_without_method(self):
        c = self.raw(channel=1)
        c.send(F.header_frame(1, 5))
        self.assertHardError(c, 505, "UNEXPECTED_FRAME - expected method frame, got non method "
                                     "frame instead")

    def test_method_instead_of_header(self):
        c = self.raw(channel=1)
        c.send(self.PUBLISH + F.method_frame(1, F.BASIC_GET, F.get_args("q")))
        self.assertHardError(c, 505, "UNEXPECTED_FRAME - expected content header for class 60, "
                                     "got non content header frame instead", 60, 40)

    def test_method_instead_of_body(self):
        c = self.raw(channel=1)
        c.send(self.PUBLISH + F.header_frame(1, 10) + F.method_frame(1, F.BASIC_GET, F.get_args("q")))
        self.assertHardError(c, 505, "UNEXPECTED_FRAME - expected content body, got non content "
                                     "body frame instead", 60, 40)

    def test_header_of_another_class(self):
        c = self.raw(channel=1)
        c.send(self.PUBLISH + F.header_frame(1, 3, class_id=50))
        self.assertHardError(c, 505, "UNEXPECTED_FRAME - expected content header for class 60, "
                                     "got one for class 50 instead", 60, 40)

    def test_body_longer_than_announced(self):
        # RabbitMQ quirk: the extra bytes do not fail at once; the content never completes,
        # so the next method frame on that channel is the unexpected one.
        c = self.raw(channel=1)
        c.send(self.PUBLISH + F.header_frame(1, 3) + F.body_frame(1, b"hello"))
        c.send(F.method_frame(1, F.BASIC_GET, F.get_args("q")))
        self.assertHardError(c, 505, "UNEXPECTED_FRAME - expected content body, got non content "
                                     "body frame instead", 60, 40)

    def test_heartbeat_between_content_frames_is_fine(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args("", exclusive=True)))
        q = F.Reader(c.recv_method(F.QUEUE_DECLARE_OK).payload, 4).shortstr()
        c.send(F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", q)) + F.header_frame(1, 6)
               + F.heartbeat_frame() + F.body_frame(1, b"abc") + F.heartbeat_frame()
               + F.body_frame(1, b"def"))
        c.send(F.method_frame(1, F.BASIC_GET, F.get_args(q)))
        c.recv_method(F.BASIC_GET_OK)
        c.recv_frame()
        self.assertEqual(c.recv_frame().payload, b"abcdef")

    def test_content_interleaved_with_another_channel(self):
        c = self.raw(channel=1)
        c.open_channel(2)
        c.send(F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args("", exclusive=True)))
        q = F.Reader(c.recv_method(F.QUEUE_DECLARE_OK).payload, 4).shortstr()
        c.send(F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", q)) + F.header_frame(1, 2)
               + F.method_frame(2, F.QUEUE_DECLARE, F.queue_declare_args(q, passive=True))
               + F.body_frame(1, b"ok"))
        f = c.recv_method(F.QUEUE_DECLARE_OK)
        self.assertEqual(f.channel, 2)
        c.send(F.method_frame(2, F.BASIC_GET, F.get_args(q)))
        c.recv_method(F.BASIC_GET_OK)
        c.recv_frame()
        self.assertEqual(c.recv_frame().payload, b"ok")


def headers_property(entries):
    """A property list holding only a headers table with these raw entries."""
    return F.short(0x2000) + F.long_(len(entries)) + entries


class PublishedContentHeaders(WireTestCase):
    """RabbitMQ decodes a publish's content header when it handles the publish (after the
    exchange checks); what rabbit_binary_parser cannot read crashes the channel process."""

    UNDECODABLE = {
        "unknown type tag Z": headers_property(b"\x01kZ"),
        "headers length past the property list": F.short(0x2000) + F.long_(100) + b"\x01kV",
        "longstr past its table": headers_property(b"\x01kS" + F.long_(50) + b"abc"),
        "name past its table": headers_property(b"\x09ab"),
        "truncated decimal": headers_property(b"\x01kD\x02\x00\x00"),
        "unknown tag in a nested table": headers_property(b"\x01kF" + F.long_(3) + b"\x01jZ"),
        "unknown tag in an array": headers_property(b"\x01kA" + F.long_(1) + b"Z"),
        "NaN double": headers_property(b"\x01kd" + struct.pack(">d", float("nan"))),
        "infinite float": headers_property(b"\x01kf" + struct.pack(">f", float("inf"))),
        "lone byte after the last entry": headers_property(b"\x01kV\x05"),
        "no property flags": b"",
        "byte after the property list": F.short(0) + b"x",
        "content-type past the list": F.short(0x8000) + b"\x10abc",
    }

    def test_undecodable_content_header_closes_the_connection(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        got = Collector()
        ch.basic_consume(q, got, auto_ack=True)
        for name, props in self.UNDECODABLE.items():
            with self.subTest(case=name):
                c = self.raw(channel=1)
                c.send(F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", q))
                       + F.header_frame(1, 5, flags=None, props=props) + F.body_frame(1, b"never"))
                self.assertHardError(c, 541, "INTERNAL_ERROR")
        # Nothing was relayed: the consumer's first message is the one published after.
        ch.basic_publish("", q, b"after")
        pump([ch.connection], lambda: got.deliveries, what="the message published after")
        self.assertEqual(got.bodies, [b"after"])

    def test_missing_exchange_comes_first(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("it.nowhere", "k"))
               + F.header_frame(1, 1, flags=None, props=self.UNDECODABLE["unknown type tag Z"])
               + F.body_frame(1, b"x"))
        self.assertSoftError(c, 1, 404, "NOT_FOUND - no exchange 'it.nowhere' in vhost '/'", 60, 40)

    def test_what_rabbitmq_reads_is_relayed_byte_for_byte(self):
        cases = {
            "L (read as a signed long)": headers_property(b"\x01kL" + b"\xff" * 8),
            "name that is not UTF-8": headers_property(b"\x01\xc3V"),
            "flag bits 1 and 0": F.short(0x2003) + F.long_(3) + b"\x01kV",
        }
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args("", exclusive=True)))
        q = F.Reader(c.recv_method(F.QUEUE_DECLARE_OK).payload, 4).shortstr()
        for name, props in cases.items():
            with self.subTest(case=name):
                c.send(F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", q))
                       + F.header_frame(1, 2, flags=None, props=props) + F.body_frame(1, b"ok"))
                c.send(F.method_frame(1, F.BASIC_GET, F.get_args(q)))
                c.recv_method(F.BASIC_GET_OK)
                self.assertEqual(c.recv_frame().payload[12:], props)
                self.assertEqual(c.recv_frame().payload, b"ok")


if __name__ == "__main__":
    unittest.main(verbosity=2)
