"""Message content: properties, header tables and bodies survive the broker unchanged.

Covers: all 14 basic properties round-trip (basic.get and basic.deliver); a headers table
with every field type pika can send (str, bytes, int, long, bool, decimal, timestamp,
nested table, array, void) plus empty string/table/array; a property-less message arrives
property-less; bodies larger than frame_max (1 MiB, split into many body frames, also with
a 4096-byte frame_max), bodies at the frame-size boundary, and empty bodies (no body
frame); a no-ack consumer of 64 MiB of 300 KiB messages gets them all (more than the
broker's per-connection output allowance, so delivery must resume as the socket drains);
a consumer that vanishes while the broker is writing a backlog to it does not take the
broker down; raw-socket checks that the broker splits deliveries by the frame_max the client
negotiated and that a raw header table with every field type RabbitMQ knows comes back
byte for byte.
"""

import datetime
import decimal
import random
import struct
import unittest

import pika

import frames as F
from support import AMQP_PORT, BrokerTestCase, Collector, pump

HEADERS = {
    "str": "text with ünïcode",
    "bytes": b"\x00\x01\xfe\xff",
    "int": 42,
    "negative": -7,
    "long": 2 ** 40,
    "true": True,
    "false": False,
    "decimal": decimal.Decimal("3.14"),
    "timestamp": datetime.datetime(2024, 1, 2, 3, 4, 5),
    "nested": {"a": 1, "b": {"c": "d", "e": [1, 2]}},
    "list": [1, "two", b"three", True, None, {"x": 1}, [2, [3]]],
    "none": None,
    "empty_str": "",
    "empty_table": {},
    "empty_list": [],
}


def all_properties():
    return pika.BasicProperties(
        content_type="application/json",
        content_encoding="gzip",
        headers=HEADERS,
        delivery_mode=2,
        priority=7,
        correlation_id="corr-123",
        reply_to="reply.queue",
        expiration="60000",
        message_id="msg-456",
        timestamp=1700000000,
        type="order.created",
        user_id="guest",           # must equal the authenticated user (see test_user_id_...)
        app_id="warren-integration",
        cluster_id="cluster-x",
    )


PROPERTY_NAMES = ["content_type", "content_encoding", "headers", "delivery_mode", "priority",
                  "correlation_id", "reply_to", "expiration", "message_id", "timestamp", "type",
                  "user_id", "app_id", "cluster_id"]


def blob(size, seed=1):
    return random.Random(seed).randbytes(size)


class Properties(BrokerTestCase):
    def assertSameProperties(self, got, sent):
        for name in PROPERTY_NAMES:
            self.assertEqual(getattr(got, name), getattr(sent, name), name)

    def test_all_properties_via_get(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        sent = all_properties()
        self.fill(q, [b"{}"], properties=sent)
        d = self.get(ch, q, auto_ack=True)
        self.assertSameProperties(d.properties, sent)

    def test_all_properties_via_consumer(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        sent = all_properties()
        got = Collector()
        ch.basic_consume(q, got, auto_ack=True)
        ch.basic_publish("", q, b"{}", sent)
        pump([ch.connection], lambda: got.deliveries)
        self.assertSameProperties(got.deliveries[0].properties, sent)

    def test_header_field_types(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        self.fill(q, [b""], properties=pika.BasicProperties(headers=HEADERS))
        d = self.get(ch, q, auto_ack=True)
        self.assertEqual(d.properties.headers, HEADERS)
        self.assertIsInstance(d.properties.headers["bytes"], bytes)
        self.assertIsInstance(d.properties.headers["decimal"], decimal.Decimal)

    def test_no_properties(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        self.fill(q, [b"bare"])
        d = self.get(ch, q, auto_ack=True)
        for name in PROPERTY_NAMES:
            self.assertIsNone(getattr(d.properties, name), name)

    def test_user_id_must_match_the_login(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        ch.basic_publish("", q, b"x", pika.BasicProperties(user_id="mallory"))
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - user_id property set to "
                                      "'mallory' but authenticated user was 'guest'"):
            ch.basic_qos(prefetch_count=1)


class Bodies(BrokerTestCase):
    def _round_trip(self, body, frame_max=None):
        kw = {"frame_max": frame_max} if frame_max else {}
        ch = self.channel(self.connect(**kw))
        q = self.declare_queue(ch)
        ch.confirm_delivery()
        ch.basic_publish("", q, body)
        self.assertEqual(self.get(ch, q, auto_ack=True).body, body)
        ch.basic_publish("", q, body)
        got = Collector()
        ch.basic_consume(q, got, auto_ack=True)
        pump([ch.connection], lambda: got.deliveries, timeout=20)
        self.assertEqual(len(got.deliveries[0].body), len(body))
        self.assertEqual(got.deliveries[0].body, body)

    def test_one_mebibyte(self):
        self._round_trip(blob(1 << 20))

    def test_one_mebibyte_with_small_frames(self):
        self._round_trip(blob(1 << 20, seed=2), frame_max=4096)     # 257 body frames

    def test_frame_size_boundaries(self):
        for size in (131072 - 8, 131072 - 7, 131072, 2 * (131072 - 8), 2 * (131072 - 8) + 1):
            with self.subTest(size=size):
                self._round_trip(blob(size, seed=size))

    def test_backlog_larger_than_the_output_allowance(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        body = b"b" * (300 * 1024)
        self.fill(q, [body] * 220)
        got = Collector()
        ch.basic_consume(q, got, auto_ack=True)
        pump([ch.connection], lambda: len(got.deliveries) == 220, timeout=30)
        self.assertTrue(all(b == body for b in got.bodies))

    def test_consumer_vanishing_mid_write(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        self.fill(q, [b"v" * (300 * 1024)] * 100)
        with F.RawConnection(AMQP_PORT) as c:
            c.handshake()
            c.open_channel(1)
            c.send(F.method_frame(1, (60, 20), F.short(0) + F.shortstr(q) + F.shortstr("")
                                  + F.bits(False, True, False, False) + F.table()))
            c.recv_frame()          # consume-ok; the broker is now writing 30 MB at us
            c.sock.setsockopt(F.socket.SOL_SOCKET, F.socket.SO_LINGER, struct.pack("ii", 1, 0))
        # the socket was reset mid-write: the broker must still serve
        self.wait_counts(q, consumers=0)

    def test_empty_body(self):
        ch = self.channel()
        q = self.declare_queue(ch)
        got = Collector()
        ch.basic_consume(q, got, auto_ack=True)
        ch.basic_publish("", q, b"", pika.BasicProperties(content_type="text/plain"))
        ch.basic_publish("", q, b"after the empty one")
        pump([ch.connection], lambda: len(got.deliveries) == 2)
        self.assertEqual(got.bodies, [b"", b"after the empty one"])
        self.assertEqual(got.deliveries[0].properties.content_type, "text/plain")


class RawContent(BrokerTestCase):
    """What the frames look like, seen without a client library in between."""

    def _get(self, c, q):
        c.send(F.method_frame(1, F.BASIC_GET, F.get_args(q)))
        c.recv_method(F.BASIC_GET_OK)
        header = c.recv_frame()
        self.assertEqual(header.type, F.FRAME_HEADER)
        size = struct.unpack(">Q", header.payload[4:12])[0]
        bodies = []
        while sum(len(b) for b in bodies) < size:
            f = c.recv_frame()
            self.assertEqual(f.type, F.FRAME_BODY)
            bodies.append(f.payload)
        return header, bodies

    def test_deliveries_are_split_by_the_clients_frame_max(self):
        q = self.declare_queue(self.channel())
        body = blob(20000, seed=3)
        self.fill(q, [body, b""])
        with F.RawConnection(AMQP_PORT) as c:
            c.handshake(frame_max=4096)
            c.open_channel(1)
            header, bodies = self._get(c, q)
            self.assertEqual([len(b) for b in bodies], [4088] * 4 + [20000 - 4 * 4088])
            self.assertEqual(b"".join(bodies), body)
            header, bodies = self._get(c, q)               # empty body: header, no body frame
            self.assertEqual((struct.unpack(">Q", header.payload[4:12])[0], bodies), (0, []))
            c.send(F.method_frame(1, F.BASIC_GET, F.get_args(q)))
            f = c.recv_method(F.BASIC_GET_EMPTY)
            self.assertEqual(f.payload[4:], F.shortstr(""))  # reserved cluster-id

    def test_raw_header_table_round_trips_byte_for_byte(self):
        q = self.declare_queue(self.channel())
        fields = {
            "t": ("t", b"\x01"), "b": ("b", b"\xfe"), "B": ("B", b"\xfe"),
            "s": ("s", struct.pack(">h", -2)), "u": ("u", struct.pack(">H", 65534)),
            "I": ("I", struct.pack(">i", -3)), "i": ("i", struct.pack(">I", 4000000000)),
            "l": ("l", struct.pack(">q", -4)), "f": ("f", struct.pack(">f", 1.5)),
            "d": ("d", struct.pack(">d", 2.25)), "D": ("D", b"\x02" + struct.pack(">i", 314)),
            "S": ("S", F.longstr("long string")), "x": ("x", F.longstr(b"\x00\xff")),
            "A": ("A", F.long_(8) + b"I" + struct.pack(">i", 5) + b"V" + b"t\x00"),
            "T": ("T", struct.pack(">Q", 1700000000)), "F": ("F", F.table({"k": "v"})),
            "V": ("V", b""),
        }
        sent_table = F.table(fields)
        with F.RawConnection(AMQP_PORT) as c:
            c.handshake()
            c.open_channel(1)
            c.send(F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", q))
                   + F.header_frame(1, 2, flags=0x2000, props=sent_table)
                   + F.body_frame(1, b"hi"))
            header, bodies = self._get(c, q)
            flags = struct.unpack(">H", header.payload[12:14])[0]
            self.assertEqual(flags, 0x2000)
            got_table = F.Reader(header.payload, 14).table_raw()
            self.assertEqual(got_table, sent_table[4:])
            self.assertEqual(bodies, [b"hi"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
