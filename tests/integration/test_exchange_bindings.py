"""Exchange-to-exchange bindings, topic matching corner cases and the headers exchange,
each checked by which queues a published message reaches.

Covers: exchange.bind / exchange.unbind: routing over several hops through topic, fanout,
headers and direct sources (the delivery names the exchange the client published to); a loop
a->b->a and a self-binding terminate and deliver each queue once; a queue reachable by several
paths gets one copy; unbind stops routing; bind with a missing source or destination -> 404
(the source is named when both are missing); bind/unbind involving the default exchange ->
403; unbind of a missing binding, or naming missing exchanges -> ok; queue.unbind naming a
missing exchange or queue -> ok.
Topic: empty words (a..b, .a, a., ., ..), "#", "#.#", "a.#.b", "#.a.#", "a.#.#.b", "*" vs
empty words and the empty routing key (zero words: "*" does not match it, "" and "#" do),
"*.*" / "*." / ".*" / "#." / ".#", ten-word keys, a 255-octet key, twenty bindings matching one
key (each queue once), one queue bound by several matching keys (one copy).
Headers: x-match all / any (default all), all-with-x / any-with-x (x- keys compared only
then), empty binding tables, void binding values (presence only), messages without headers;
values compared by value across integer widths and floats (1 == 1.0), timestamps equal to
integers, longstr equal to byte arrays, booleans distinct from 1; table and array values;
x-match validation (406 texts for a bad value and for a non-longstr type); two matching
bindings of one queue -> one copy; unbind needs the same arguments.
"""

import unittest

import pika

import support
from support import BrokerTestCase, RawPublisher, drain, field, publish_outcome

V = "in vhost '/'"
DEFAULT_REFUSED = "ACCESS_REFUSED - operation not permitted on the default exchange"


class Base(BrokerTestCase):
    maxDiff = None

    def setUp(self):
        super().setUp()
        self.ch = self.channel()
        self.ch.confirm_delivery()

    def exchange(self, kind):
        x = self.exchange_name(kind)
        self.ch.exchange_declare(x, exchange_type=kind)
        return x

    def queue(self):
        return self.declare_queue(self.ch)

    def bodies(self, q):
        return [d.body for d in drain(self.ch, q)]


class ExchangeToExchange(Base):
    def test_multi_hop_through_each_exchange_type(self):
        topic, fanout, headers, direct = (self.exchange(k) for k in
                                          ("topic", "fanout", "headers", "direct"))
        self.ch.exchange_bind(fanout, topic, routing_key="a.*")
        self.ch.exchange_bind(headers, fanout, routing_key="ignored")
        self.ch.exchange_bind(direct, headers, arguments={"x-match": "all", "color": "red"})
        q = self.queue()
        self.ch.queue_bind(q, direct, routing_key="a.b")
        for key, color, body in (("a.b", "red", b"all hops"), ("a.b", "blue", b"headers stop"),
                                 ("a.c", "red", b"direct stops"), ("x.b", "red", b"topic stops")):
            self.ch.basic_publish(topic, key, body, pika.BasicProperties(headers={"color": color}))
        d, = drain(self.ch, q)
        self.assertEqual((d.body, d.method.exchange, d.method.routing_key),
                         (b"all hops", topic, "a.b"))

    def test_loop_terminates_and_delivers_once(self):
        a, b = self.exchange("fanout"), self.exchange("fanout")
        self.ch.exchange_bind(b, a)
        self.ch.exchange_bind(a, b)
        qa, qb = self.queue(), self.queue()
        self.ch.queue_bind(qa, a)
        self.ch.queue_bind(qb, b)
        self.assertEqual(publish_outcome(self.ch, a, "k", b"from a"), "acked")
        self.assertEqual(publish_outcome(self.ch, b, "k", b"from b"), "acked")
        self.assertEqual(self.bodies(qa), [b"from a", b"from b"])
        self.assertEqual(self.bodies(qb), [b"from a", b"from b"])

    def test_self_binding(self):
        x = self.exchange("direct")
        self.ch.exchange_bind(x, x, routing_key="k")
        q = self.queue()
        self.ch.queue_bind(q, x, routing_key="k")
        self.assertEqual(publish_outcome(self.ch, x, "k", b"once"), "acked")
        self.assertEqual(self.bodies(q), [b"once"])
        self.ch.exchange_unbind(x, x, routing_key="k")

    def test_queue_reachable_by_several_paths_gets_one_copy(self):
        top, left, right = (self.exchange("fanout") for _ in range(3))
        self.ch.exchange_bind(left, top)
        self.ch.exchange_bind(right, top)
        q = self.queue()
        for x in (top, left, right):
            self.ch.queue_bind(q, x)
        self.assertEqual(publish_outcome(self.ch, top, "k", b"diamond"), "acked")
        self.assertEqual(self.bodies(q), [b"diamond"])

    def test_unbind_stops_routing(self):
        src, dst = self.exchange("direct"), self.exchange("fanout")
        self.ch.exchange_bind(dst, src, routing_key="k")
        q = self.queue()
        self.ch.queue_bind(q, dst)
        self.assertEqual(publish_outcome(self.ch, src, "k", b"bound", mandatory=True), "acked")
        self.assertEqual(publish_outcome(self.ch, src, "j", b"other key", mandatory=True),
                         "returned")
        self.ch.exchange_unbind(dst, src, routing_key="k")
        self.assertEqual(publish_outcome(self.ch, src, "k", b"unbound", mandatory=True),
                         "returned")
        self.assertEqual(self.bodies(q), [b"bound"])

    def test_bind_with_missing_exchanges(self):
        x = self.exchange("direct")
        src, dst = support.unique("nosrc"), support.unique("nodst")
        for destination, source, missing in ((x, src, src), (dst, x, dst), (dst, src, src)):
            with self.subTest(destination=destination, source=source):
                ch = self.channel()
                with self.assertChannelClosed(404, "NOT_FOUND - no exchange '%s' %s"
                                              % (missing, V)):
                    ch.exchange_bind(destination, source, routing_key="k")

    def test_default_exchange_refused(self):
        x = self.exchange("direct")
        for method, destination, source in (("bind", x, ""), ("bind", "", x), ("unbind", x, "")):
            with self.subTest(method=method, destination=destination, source=source):
                ch = self.channel()
                with self.assertChannelClosed(403, DEFAULT_REFUSED):
                    getattr(ch, "exchange_" + method)(destination, source, routing_key="k")
        ch = self.channel()
        q = self.declare_queue(ch)
        with self.assertChannelClosed(403, DEFAULT_REFUSED):
            ch.queue_unbind(q, "", routing_key=q)

    def test_unbinding_what_does_not_exist_is_ok(self):
        x, q = self.exchange("direct"), self.queue()
        cases = {
            "missing binding": lambda ch: ch.exchange_unbind(x, x, routing_key="never"),
            "missing source": lambda ch: ch.exchange_unbind(x, support.unique("nosrc"),
                                                            routing_key="k"),
            "missing destination": lambda ch: ch.exchange_unbind(support.unique("nodst"), x,
                                                                 routing_key="k"),
            "queue, missing exchange": lambda ch: ch.queue_unbind(q, support.unique("nox"),
                                                                  routing_key="k"),
            "missing queue": lambda ch: ch.queue_unbind(support.unique("noq"), "amq.direct",
                                                        routing_key="k"),
        }
        for case, call in cases.items():
            with self.subTest(case=case):
                call(self.channel())

    def test_builtin_exchange_as_destination(self):
        src = self.exchange("direct")
        q = self.queue()
        key = support.unique("key")
        self.ch.queue_bind(q, "amq.direct", routing_key=key)
        self.ch.exchange_bind("amq.direct", src, routing_key=key)
        try:
            self.assertEqual(publish_outcome(self.ch, src, key, b"into amq.direct"), "acked")
            d, = drain(self.ch, q)
            self.assertEqual((d.body, d.method.exchange), (b"into amq.direct", src))
        finally:
            self.ch.exchange_unbind("amq.direct", src, routing_key=key)
            self.ch.queue_unbind(q, "amq.direct", routing_key=key)


# binding key -> routing keys (of PUBLISHED) that reach it, as RabbitMQ 3.10 routes them
PUBLISHED = ["", "a", "b", "a.b", "a..b", "a.x.b", "a.x.y.b", ".a", "a.", ".", "..", "a.b.c",
             "x.a.y", "a.b.c.d.e.f.g.h.i.j", "j", "#", "*", ".b", "b.a"]
TOPIC_MATCHES = {
    "": [""],
    "#": PUBLISHED,
    "#.#": PUBLISHED,
    "*": ["a", "b", "j", "#", "*"],
    "a": ["a"],
    "a.b": ["a.b"],
    "a..b": ["a..b"],
    "a.*.b": ["a..b", "a.x.b"],
    "a.#.b": ["a.b", "a..b", "a.x.b", "a.x.y.b"],
    "a.#.#.b": ["a.b", "a..b", "a.x.b", "a.x.y.b"],
    "#.a.#": ["a", "a.b", "a..b", "a.x.b", "a.x.y.b", ".a", "a.", "a.b.c", "x.a.y",
              "a.b.c.d.e.f.g.h.i.j", "b.a"],
    ".a": [".a"],
    "a.": ["a."],
    ".": ["."],
    "..": [".."],
    "*.*": ["a.b", ".a", "a.", ".", ".b", "b.a"],
    "*.": ["a.", "."],
    ".*": [".a", ".", ".b"],
    "#.": ["a.", ".", ".."],
    ".#": [".a", ".", "..", ".b"],
    "a.#": ["a", "a.b", "a..b", "a.x.b", "a.x.y.b", "a.", "a.b.c", "a.b.c.d.e.f.g.h.i.j"],
    "#.b": ["b", "a.b", "a..b", "a.x.b", "a.x.y.b", ".b"],
    "*.b": ["a.b", ".b"],
    "a.*": ["a.b", "a."],
    "#.*": [k for k in PUBLISHED if k != ""],
    "*.#": [k for k in PUBLISHED if k != ""],
    "*.*.*": ["a..b", "a.x.b", "..", "a.b.c", "x.a.y"],
    "a.*.#": ["a.b", "a..b", "a.x.b", "a.x.y.b", "a.", "a.b.c", "a.b.c.d.e.f.g.h.i.j"],
    "a.b.c.d.e.f.g.h.i.j": ["a.b.c.d.e.f.g.h.i.j"],
    "a.*.*.*.*.*.*.*.*.j": ["a.b.c.d.e.f.g.h.i.j"],
    "#.j": ["a.b.c.d.e.f.g.h.i.j", "j"],
    "a.#.j": ["a.b.c.d.e.f.g.h.i.j"],
}


class Topic(Base):
    def test_binding_keys_against_routing_keys(self):
        t = self.exchange("topic")
        queues = {}
        for key in TOPIC_MATCHES:
            q = queues[key] = self.queue()
            self.ch.queue_bind(q, t, routing_key=key)
        for key in PUBLISHED:
            self.ch.basic_publish(t, key, key.encode())
        got = {key: [d.method.routing_key for d in drain(self.ch, q)] for key, q in queues.items()}
        self.assertEqual(got, TOPIC_MATCHES)

    def test_long_keys(self):
        t = self.exchange("topic")
        words = ".".join(["w%d" % i for i in range(62)])
        end = "e" * (254 - len(words))
        key = words + "." + end                  # 255 octets (the shortstr maximum), 63 words
        self.assertEqual(len(key), 255)
        bindings = {"#." + end: True, "w0.#": True, "w0.#.w30.#." + end: True, "#.w61.*": True,
                    "*." * 62 + end: True, "*." * 61 + end: False, "#.w62.#": False,
                    key: True, words: False, "*.#.*.*": True, "#.w61": False}
        queues = {}
        for b in bindings:
            queues[b] = self.queue()
            self.ch.queue_bind(queues[b], t, routing_key=b)
        self.assertEqual(publish_outcome(self.ch, t, key, b"long"), "acked")
        got = {b: self.bodies(q) == [b"long"] for b, q in queues.items()}
        self.assertEqual(got, bindings)

    def test_many_bindings_matching_one_key(self):
        t = self.exchange("topic")
        keys = ["#", "a.#", "*.b.*", "a.b.c", "#.c", "a.*.c", "#.b.#", "*.*.*", "a.#.c", "#.#",
                "a.b.#", "#.a.b.c", "*.#", "#.*", "a.b.c.#", "#.a.#", "*.b.c", "a.b.*", "#.#.c",
                "a.#.b.#.c"]
        qs = []
        for k in keys:
            q = self.queue()
            self.ch.queue_bind(q, t, routing_key=k)
            qs.append(q)
        shared = self.queue()                   # one queue bound by every matching key
        for k in keys:
            self.ch.queue_bind(shared, t, routing_key=k)
        self.assertEqual(publish_outcome(self.ch, t, "a.b.c", b"m", mandatory=True), "acked")
        self.assertEqual([self.bodies(q) for q in qs], [[b"m"]] * len(keys))
        self.assertEqual(self.bodies(shared), [b"m"])


class Headers(Base):
    def headers_queue(self, x, arguments):
        q = self.queue()
        self.ch.queue_bind(q, x, routing_key="", arguments=arguments)
        return q

    def test_match_modes(self):
        x = self.exchange("headers")
        bindings = {
            "all": {"x-match": "all", "a": 1, "b": "two"},
            "any": {"x-match": "any", "a": 1, "b": "two"},
            "default": {"a": 1, "b": "two"},
            "empty-all": {"x-match": "all"},
            "empty-any": {"x-match": "any"},
            "no-args": {},
            "void": {"v": None},
            "x-key-all": {"x-match": "all", "x-k": "v"},
            "x-key-any": {"x-match": "any", "x-k": "v"},
            "x-key-all-with-x": {"x-match": "all-with-x", "x-k": "v"},
            "x-key-any-with-x": {"x-match": "any-with-x", "x-k": "v", "a": 9},
            "all-with-x": {"x-match": "all-with-x", "x-k": "v", "a": 1},
        }
        messages = [
            ("a1b2", {"a": 1, "b": "two"}),
            ("a1", {"a": 1}),
            ("b2", {"b": "two"}),
            ("a1b3", {"a": 1, "b": "three"}),
            ("extra", {"a": 1, "b": "two", "c": 3}),
            ("no-headers", None),
            ("empty-headers", {}),
            ("a-string", {"a": "1"}),
            ("v-void", {"v": None}),
            ("v-int", {"v": 5}),
            ("x-k", {"x-k": "v"}),
            ("x-k-a1", {"x-k": "v", "a": 1}),
        ]
        queues = {name: self.headers_queue(x, args) for name, args in bindings.items()}
        for name, headers in messages:
            self.ch.basic_publish(x, "", name.encode(), pika.BasicProperties(headers=headers))
        every = [n.encode() for n, _ in messages]
        expected = {
            "all": [b"a1b2", b"extra"],
            "any": [b"a1b2", b"a1", b"b2", b"a1b3", b"extra", b"x-k-a1"],
            "default": [b"a1b2", b"extra"],
            "empty-all": every,
            "empty-any": [],
            "no-args": every,
            "void": [b"v-void", b"v-int"],
            "x-key-all": every,               # x- keys are ignored by all/any
            "x-key-any": [],
            "x-key-all-with-x": [b"x-k", b"x-k-a1"],
            "x-key-any-with-x": [b"x-k", b"x-k-a1"],
            "all-with-x": [b"x-k-a1"],
        }
        got = {name: self.bodies(q) for name, q in queues.items()}
        self.assertEqual(got, expected)

    def test_value_types(self):
        x = self.exchange("headers")
        ints = {k: field(k, 1) for k in "bBsuIil"}
        bindings = {
            "byte 1": field("b", 1), "long 1": field("l", 1), "double 1.0": field("d", 1.0),
            "float 1.5": field("f", 1.5), "timestamp 5": field("T", 5),
            "bytes '1'": field("x", b"1"),
            "string '1'": field("S", "1"), "true": field("t", True), "void": field("V"),
            "byte -1": field("b", -1), "ushort 65535": field("u", 65535),
        }
        messages = dict(("%s 1" % k, v) for k, v in ints.items())
        messages.update({"d 1.0": field("d", 1.0), "f 1.0": field("f", 1.0),
                         "f 1.5": field("f", 1.5), "d 1.5": field("d", 1.5),
                         "T 5": field("T", 5), "l 5": field("l", 5), "S '1'": field("S", "1"),
                         "x '1'": field("x", b"1"), "t true": field("t", True),
                         "V": field("V"), "B 255": field("B", 255), "b -1": field("b", -1),
                         "i 2^32-1": field("i", 2 ** 32 - 1), "u 65535": field("u", 65535),
                         "s -1": field("s", -1), "l -1": field("l", -1)})
        queues = {name: self.queue() for name in bindings}
        with RawPublisher() as raw:
            for name, value in bindings.items():
                self.assertIsNone(raw.queue_bind(queues[name], x, "", {"a": value}))
            for name, value in messages.items():
                raw.publish(x, "", name.encode(), {"a": value})
            raw.publish(x, "", b"no headers")
            raw.wait_confirms()
        one = [b"b 1", b"B 1", b"s 1", b"u 1", b"I 1", b"i 1", b"l 1", b"d 1.0", b"f 1.0"]
        expected = {
            "byte 1": one, "long 1": one, "double 1.0": one,
            "float 1.5": [b"f 1.5", b"d 1.5"],
            "timestamp 5": [b"T 5", b"l 5"],
            "bytes '1'": [b"S '1'", b"x '1'"],
            "string '1'": [b"S '1'", b"x '1'"],
            "true": [b"t true"],
            "void": [n.encode() for n in messages],
            "byte -1": [b"b -1", b"s -1", b"l -1"],
            "ushort 65535": [b"u 65535"],
        }
        got = {name: self.bodies(q) for name, q in queues.items()}
        self.assertEqual(got, expected)

    def test_table_and_array_values(self):
        x = self.exchange("headers")
        qt = self.headers_queue(x, {"t": {"k": 1, "s": "v"}})
        qa = self.headers_queue(x, {"x-match": "any", "arr": [1, "s"]})
        for body, headers in ((b"table", {"t": {"k": 1, "s": "v"}}),
                              (b"other table", {"t": {"k": 2, "s": "v"}}),
                              (b"array", {"arr": [1, "s"]}),
                              (b"reordered array", {"arr": ["s", 1]}),
                              (b"shorter array", {"arr": [1]})):
            self.ch.basic_publish(x, "", body, pika.BasicProperties(headers=headers))
        self.assertEqual(self.bodies(qt), [b"table"])
        self.assertEqual(self.bodies(qa), [b"array"])

    def test_x_match_validation(self):
        msg = ("PRECONDITION_FAILED - Invalid x-match field value %s; expected all, any, "
               "all-with-x, or any-with-x")
        for value, shown in (("some", '<<"some">>'), ("ALL", '<<"ALL">>'), ("", "<<>>")):
            with self.subTest(value=value):
                ch = self.channel()
                q = self.declare_queue(ch)
                with self.assertChannelClosed(406, msg % shown):
                    ch.queue_bind(q, "amq.headers", arguments={"x-match": value})
        ch = self.channel()
        q = self.declare_queue(ch)
        with self.assertChannelClosed(406, "PRECONDITION_FAILED - Invalid x-match field type "
                                      "signedint (value 1); expected longstr"):
            ch.queue_bind(q, "amq.headers", arguments={"x-match": 1})
        ch = self.channel()
        with self.assertChannelClosed(406, msg % '<<"some">>'):      # exchange bindings too
            ch.exchange_bind("amq.fanout", "amq.headers", arguments={"x-match": "some"})
        with RawPublisher() as raw:
            self.assertEqual(raw.queue_bind(q, "amq.headers", "", {"x-match": field("x", b"any")}),
                             (406, "PRECONDITION_FAILED - Invalid x-match field type binary "
                              "(value <<\"any\">>); expected longstr", 50, 20))
        # other exchange types do not look at x-match
        ch = self.channel()
        ch.queue_bind(q, "amq.direct", routing_key=q, arguments={"x-match": "some"})
        ch.queue_unbind(q, "amq.direct", routing_key=q, arguments={"x-match": "some"})

    def test_two_matching_bindings_one_copy_and_unbind_by_arguments(self):
        x = self.exchange("headers")
        q = self.queue()
        first, second = {"a": 1}, {"x-match": "any", "b": 2}
        self.ch.queue_bind(q, x, arguments=first)
        self.ch.queue_bind(q, x, arguments=second)
        props = pika.BasicProperties(headers={"a": 1, "b": 2})
        self.assertEqual(publish_outcome(self.ch, x, "", b"once", props), "acked")
        self.assertEqual(self.bodies(q), [b"once"])
        self.ch.queue_unbind(q, x, arguments={"a": 2})          # no such binding: ok, no effect
        self.ch.queue_unbind(q, x, arguments=first)
        self.assertEqual(publish_outcome(self.ch, x, "", b"second", props, mandatory=True), "acked")
        self.ch.queue_unbind(q, x, arguments=second)
        self.assertEqual(publish_outcome(self.ch, x, "", b"third", props, mandatory=True),
                         "returned")
        self.assertEqual(self.bodies(q), [b"second"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
