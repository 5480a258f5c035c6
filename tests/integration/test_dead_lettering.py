"""Dead-lettering: x-dead-letter-exchange / x-dead-letter-routing-key and the x-death header.

Covers: the reasons "rejected" (basic.reject and basic.nack with requeue=false, also
nack multiple), "expired" (queue TTL and per-message TTL), "maxlen" (x-max-length
drop-head); the x-death header byte-for-byte in types (array of tables; count is a long
long "l", time a timestamp "T" in seconds, strings longstr "S") with original-expiration
only when the message itself carried the TTL; x-first-death-reason/-queue/-exchange (and no
x-last-death-* in 3.10); the expiration property removed from the dead-lettered copy, other
properties and headers kept; the original routing key used without
x-dead-letter-routing-key, x-death's routing-keys always the original ones; the exchange
recorded is the one the message was published to; CC kept and routed again, BCC routed
again but never visible; count increments when the message dies again in the same queue
for the same reason (a reject/TTL cycle, and a client republishing the dead message), a
new reason in the same queue is a new entry at the front; a fully automatic cycle (no
rejection in it) drops the message for the cycling queue only; a missing DLX exchange drops
silently; requeue=true, purge and delete do not dead-letter.

What RabbitMQ 3.10.8 wrote (typed_table of the headers; time is seconds since the epoch).
A message published to the default exchange with routing key "src", expiration "60000",
headers {"h": "v"}, rejected from src (x-dead-letter-exchange "dlx", a fanout):

    routing_key "src", exchange "dlx", properties: no expiration, message_id kept
    headers = {
      "h": ("S", b"v"),
      "x-death": ("A", [("F", {
          "count": ("l", 1),
          "reason": ("S", b"rejected"),
          "queue": ("S", b"src"),
          "time": ("T", 1795848225),
          "exchange": ("S", b""),
          "routing-keys": ("A", [("S", b"src")]),
          "original-expiration": ("S", b"60000")})]),
      "x-first-death-exchange": ("S", b""),
      "x-first-death-queue": ("S", b"src"),
      "x-first-death-reason": ("S", b"rejected")}

The same message after rejected from A -> expired from B -> back to A, three times round
(newest entry first; the entries are updated in place, count 3 each; the key order inside
an updated entry became alphabetical, a fresh entry is count, reason, queue, time,
exchange, routing-keys[, original-expiration]; field order is not asserted):

    "x-death": [{"count": 3, "exchange": "", "queue": "B", "reason": "expired",
                 "routing-keys": ["B"], "time": T},
                {"count": 3, "exchange": "", "queue": "A", "reason": "rejected",
                 "routing-keys": ["A"], "time": T}]
    "x-first-death-exchange": "", "x-first-death-queue": "A", "x-first-death-reason": "rejected"

Published to direct exchange "x" with routing key "src-rk" and headers
{"CC": ["cc-rk"], "BCC": ["bcc-rk"]}, rejected from a queue bound with all three keys, DLX
a direct exchange: copies go to the DLX queues bound with src-rk, cc-rk AND bcc-rk, each
delivered with routing key "src-rk" and headers
    {"CC": ["cc-rk"], "x-death": [{"count": 1, "reason": "rejected", "queue": "src",
      "time": T, "exchange": "x", "routing-keys": ["src-rk", "cc-rk"]}],
     "x-first-death-exchange": "x", "x-first-death-queue": "src",
     "x-first-death-reason": "rejected"}   (no BCC header anywhere)

Other reasons seen: "expired", "maxlen" (drop-head and reject-publish-dlx, see
test_queue_limits), "delivery_limit" (quorum queues, see test_quorum).
"""

import time
import unittest

import pika

import support
from support import BrokerTestCase, drain_bodies, raw_get, settle, wait_get, x_death_summary

DEATH_KEYS = {"count", "reason", "queue", "time", "exchange", "routing-keys"}


class DeadLetterTestCase(BrokerTestCase):
    def dead_letter_queue(self, ch, prefix="dead"):
        """A queue and, for it, the arguments that dead-letter into it via the default
        exchange (x-dead-letter-routing-key = its name)."""
        dead = self.declare_queue(ch, prefix)
        return dead, {"x-dead-letter-exchange": "", "x-dead-letter-routing-key": dead}

    def reject_one(self, ch, q, requeue=False):
        d = wait_get(ch, q, auto_ack=False)
        ch.basic_reject(d.delivery_tag, requeue=requeue)
        return d

    def assertDeath(self, entry, queue, reason, exchange, routing_keys, count=1,
                    original_expiration=None):
        """One typed x-death entry, field by field with its AMQP type."""
        expected_keys = set(DEATH_KEYS)
        if original_expiration is not None:
            expected_keys.add("original-expiration")
        self.assertEqual(entry[0], "F", entry)
        fields = entry[1]
        self.assertEqual(set(fields), expected_keys, fields)
        self.assertEqual(fields["count"], ("l", count))
        self.assertEqual(fields["reason"], ("S", reason.encode()))
        self.assertEqual(fields["queue"], ("S", queue.encode()))
        self.assertEqual(fields["exchange"], ("S", exchange.encode()))
        self.assertEqual(fields["routing-keys"], ("A", [("S", k.encode()) for k in routing_keys]))
        kind, stamp = fields["time"]
        self.assertEqual(kind, "T")
        self.assertLess(abs(stamp - time.time()), 30, "x-death time %d is not now" % stamp)
        if original_expiration is not None:
            self.assertEqual(fields["original-expiration"], ("S", original_expiration.encode()))

    def assertFirstDeath(self, headers, queue, reason, exchange):
        self.assertEqual(headers["x-first-death-queue"], ("S", queue.encode()))
        self.assertEqual(headers["x-first-death-reason"], ("S", reason.encode()))
        self.assertEqual(headers["x-first-death-exchange"], ("S", exchange.encode()))


class Reasons(DeadLetterTestCase):
    def test_rejected_full_structure(self):
        ch = self.channel()
        dlx = self.exchange_name("dlx")
        ch.exchange_declare(dlx, "fanout")
        dead = self.declare_queue(ch, "dead")
        ch.queue_bind(dead, dlx)
        src = self.declare_queue(ch, "src", arguments={"x-dead-letter-exchange": dlx})
        self.fill(src, [b"m1"], properties=pika.BasicProperties(
            headers={"h": "v"}, expiration="60000", message_id="id1", delivery_mode=2))
        self.reject_one(ch, src)
        m = raw_get(dead, timeout=5)
        self.assertIsNotNone(m, "nothing dead-lettered")
        self.assertEqual((m.body, m.exchange, m.routing_key, m.redelivered),
                         (b"m1", dlx, src, False))
        props = dict(m.properties)
        headers = props.pop("headers")
        self.assertEqual(props, {"message_id": "id1", "delivery_mode": 2})   # no expiration
        self.assertEqual(set(headers), {"h", "x-death", "x-first-death-exchange",
                                        "x-first-death-queue", "x-first-death-reason"})
        self.assertEqual(headers["h"], ("S", b"v"))
        kind, deaths = headers["x-death"]
        self.assertEqual((kind, len(deaths)), ("A", 1))
        self.assertDeath(deaths[0], src, "rejected", "", [src], original_expiration="60000")
        self.assertFirstDeath(headers, src, "rejected", "")

    def test_nack_without_requeue(self):
        ch = self.channel()
        dead, dl = self.dead_letter_queue(ch)
        src = self.declare_queue(ch, "src", arguments=dl)
        self.fill(src, [b"1", b"2", b"3"])
        wait_get(ch, src, auto_ack=False)
        last = wait_get(ch, src, auto_ack=False)
        ch.basic_nack(last.delivery_tag, multiple=True, requeue=False)
        self.wait_counts(dead, messages=2)
        m = raw_get(dead)
        self.assertEqual((m.body, m.exchange, m.routing_key), (b"1", "", dead))
        self.assertDeath(m.headers["x-death"][1][0], src, "rejected", "", [src])
        self.assertEqual(drain_bodies(ch, dead), [b"2"])
        self.assertEqual(self.queue_counts(src), (1, 0))

    def test_requeue_purge_and_delete_do_not_dead_letter(self):
        ch = self.channel()
        dead, dl = self.dead_letter_queue(ch)
        src = self.declare_queue(ch, "src", arguments=dl)
        self.fill(src, [b"a", b"b"])
        self.reject_one(ch, src, requeue=True)
        ch.queue_purge(src)
        self.fill(src, [b"c"])
        ch.queue_delete(src)
        settle([ch.connection], 0.2)
        self.assertEqual(self.queue_counts(dead), (0, 0))

    def test_expired_by_queue_ttl(self):
        ch = self.channel()
        dead, dl = self.dead_letter_queue(ch)
        src = self.declare_queue(ch, "src", arguments=dict(dl, **{"x-message-ttl": 50}))
        self.fill(src, [b"old"], properties=pika.BasicProperties(headers={"n": 1}))
        m = raw_get(dead, timeout=5)
        # delivered with the x-dead-letter-routing-key; x-death has the original key
        self.assertEqual((m.body, m.exchange, m.routing_key), (b"old", "", dead))
        self.assertNotIn("expiration", m.properties)
        self.assertEqual(m.headers["n"], ("I", 1))
        self.assertEqual(len(m.headers["x-death"][1]), 1)
        self.assertDeath(m.headers["x-death"][1][0], src, "expired", "", [src])
        self.assertFirstDeath(m.headers, src, "expired", "")

    def test_expired_by_message_ttl(self):
        ch = self.channel()
        dead, dl = self.dead_letter_queue(ch)
        src = self.declare_queue(ch, "src", arguments=dl)
        self.fill(src, [b"old"], properties=pika.BasicProperties(expiration="50"))
        m = raw_get(dead, timeout=5)
        self.assertEqual(m.body, b"old")
        self.assertNotIn("expiration", m.properties)
        self.assertDeath(m.headers["x-death"][1][0], src, "expired", "", [src],
                         original_expiration="50")

    def test_maxlen_drop_head(self):
        ch = self.channel()
        dead, dl = self.dead_letter_queue(ch)
        src = self.declare_queue(ch, "src", arguments=dict(dl, **{"x-max-length": 1}))
        self.fill(src, [b"first", b"second"])
        m = raw_get(dead, timeout=5)
        self.assertEqual(m.body, b"first")
        self.assertDeath(m.headers["x-death"][1][0], src, "maxlen", "", [src])
        self.assertFirstDeath(m.headers, src, "maxlen", "")
        self.assertEqual(drain_bodies(ch, src), [b"second"])

    def test_missing_dead_letter_exchange_drops_silently(self):
        ch = self.channel()
        src = self.declare_queue(ch, "src", arguments={
            "x-dead-letter-exchange": support.unique("no-such-exchange")})
        self.fill(src, [b"lost"])
        self.reject_one(ch, src)
        self.assertEqual(self.queue_counts(src), (0, 0))
        self.assertTrue(ch.is_open)


class Routing(DeadLetterTestCase):
    def test_original_routing_key_and_exchange(self):
        ch = self.channel()
        x = self.exchange_name("x")
        ch.exchange_declare(x, "direct")
        dlx = self.exchange_name("dlx")
        ch.exchange_declare(dlx, "direct")
        src = self.declare_queue(ch, "src", arguments={"x-dead-letter-exchange": dlx})
        ch.queue_bind(src, x, "orig-key")
        dead = self.declare_queue(ch, "dead")
        ch.queue_bind(dead, dlx, "orig-key")
        pub = self.channel()
        pub.confirm_delivery()
        pub.basic_publish(x, "orig-key", b"routed")
        self.reject_one(ch, src)
        m = raw_get(dead, timeout=5)
        self.assertEqual((m.exchange, m.routing_key), (dlx, "orig-key"))
        self.assertDeath(m.headers["x-death"][1][0], src, "rejected", x, ["orig-key"])
        self.assertFirstDeath(m.headers, src, "rejected", x)

    def test_cc_and_bcc(self):
        ch = self.channel()
        x = self.exchange_name("x")
        ch.exchange_declare(x, "direct")
        dlx = self.exchange_name("dlx")
        ch.exchange_declare(dlx, "direct")
        src = self.declare_queue(ch, "src", arguments={"x-dead-letter-exchange": dlx})
        dead = {}
        for key in ("src-rk", "cc-rk", "bcc-rk"):
            ch.queue_bind(src, x, key)
            dead[key] = self.declare_queue(ch, "dead")
            ch.queue_bind(dead[key], dlx, key)
        pub = self.channel()
        pub.confirm_delivery()
        pub.basic_publish(x, "src-rk", b"cc", pika.BasicProperties(
            headers={"CC": ["cc-rk"], "BCC": ["bcc-rk"]}))
        d = self.reject_one(ch, src)
        self.assertEqual(d.properties.headers, {"CC": ["cc-rk"]})     # one copy, no BCC
        self.assertEqual(self.queue_counts(src), (0, 0))
        for key in ("src-rk", "cc-rk", "bcc-rk"):       # BCC routes the dead letter too
            with self.subTest(bound_with=key):
                m = raw_get(dead[key], timeout=5)
                self.assertIsNotNone(m)
                self.assertEqual(m.routing_key, "src-rk")
                self.assertEqual(set(m.headers), {"CC", "x-death", "x-first-death-exchange",
                                                  "x-first-death-queue", "x-first-death-reason"})
                self.assertEqual(m.headers["CC"], ("A", [("S", b"cc-rk")]))
                self.assertDeath(m.headers["x-death"][1][0], src, "rejected", x,
                                 ["src-rk", "cc-rk"])

    def test_routing_key_override_keeps_original_in_x_death(self):
        ch = self.channel()
        dlx = self.exchange_name("dlx")
        ch.exchange_declare(dlx, "direct")
        dead = self.declare_queue(ch, "dead")
        ch.queue_bind(dead, dlx, "override")
        src = self.declare_queue(ch, "src", arguments={"x-dead-letter-exchange": dlx,
                                                       "x-dead-letter-routing-key": "override"})
        self.fill(src, [b"m"])
        self.reject_one(ch, src)
        m = raw_get(dead, timeout=5)
        self.assertEqual((m.exchange, m.routing_key), (dlx, "override"))
        self.assertEqual(m.plain_headers["x-death"][0]["routing-keys"], [src])


class Cycles(DeadLetterTestCase):
    def test_count_increments_in_a_reject_cycle(self):
        """A rejects into B, B's TTL expires the message back into A: a cycle with a
        rejection in it is allowed; each entry's count goes up, newest entry first."""
        ch = self.channel()
        a = self.queue_name("A")
        b = self.queue_name("B")
        ch.queue_declare(a, arguments={"x-dead-letter-exchange": "",
                                       "x-dead-letter-routing-key": b})
        ch.queue_declare(b, arguments={"x-dead-letter-exchange": "", "x-dead-letter-routing-key": a,
                                       "x-message-ttl": 30})
        self.fill(a, [b"cyc"], properties=pika.BasicProperties(headers={"keep": 1}))
        seen = []
        for _ in range(3):
            d = self.reject_one(ch, a)
            seen.append(x_death_summary(d.properties.headers))
        self.assertEqual(seen, [[], [(b, "expired", 1), (a, "rejected", 1)],
                                [(b, "expired", 2), (a, "rejected", 2)]])
        m = raw_get(a, timeout=5)
        self.assertEqual(m.headers["keep"], ("I", 1))
        deaths = m.headers["x-death"][1]
        self.assertEqual(len(deaths), 2)
        self.assertDeath(deaths[0], b, "expired", "", [b], count=3)
        self.assertDeath(deaths[1], a, "rejected", "", [a], count=3)
        self.assertFirstDeath(m.headers, a, "rejected", "")

    def test_republished_message_counts_again(self):
        ch = self.channel()
        dead, dl = self.dead_letter_queue(ch)
        src = self.declare_queue(ch, "src", arguments=dl)
        pub = self.channel()
        pub.confirm_delivery()
        pub.basic_publish("", src, b"m", pika.BasicProperties(headers={"k": "v"}))
        for count in (1, 2, 3):
            self.reject_one(ch, src)
            d = wait_get(ch, dead)
            self.assertEqual(x_death_summary(d.properties.headers), [(src, "rejected", count)])
            self.assertEqual(d.properties.headers["x-first-death-reason"], "rejected")
            # the client sends it back with the headers it got (pika re-encodes them)
            pub.basic_publish("", src, d.body, d.properties)
        # now it expires from the same queue: a new entry, in front
        ch.queue_purge(src)
        pub.basic_publish("", src, b"m", pika.BasicProperties(headers=d.properties.headers,
                                                              expiration="20"))
        d = wait_get(ch, dead)
        self.assertEqual(x_death_summary(d.properties.headers),
                         [(src, "expired", 1), (src, "rejected", 3)])
        self.assertEqual(d.properties.headers["x-death"][0]["original-expiration"], "20")
        self.assertEqual((d.properties.headers["x-first-death-queue"],
                          d.properties.headers["x-first-death-reason"]), (src, "rejected"))

    def test_automatic_cycle_drops_the_message(self):
        """A expires into a fanout bound to A itself and to an observer queue: the copy for
        A would close a cycle without any rejection, so RabbitMQ drops it (logging "Dead-letter
        queues cycle detected"); the observer gets its copy, once."""
        ch = self.channel()
        fan = self.exchange_name("fan")
        ch.exchange_declare(fan, "fanout")
        a = self.declare_queue(ch, "A", arguments={"x-dead-letter-exchange": fan,
                                                   "x-message-ttl": 30})
        observer = self.declare_queue(ch, "obs")
        ch.queue_bind(a, fan)
        ch.queue_bind(observer, fan)
        self.fill(a, [b"loop"])
        self.wait_counts(observer, messages=1)
        settle([ch.connection], 0.3)           # ten TTLs: a loop would have shown by now
        self.assertEqual(self.queue_counts(a), (0, 0))
        self.assertEqual(self.queue_counts(observer), (1, 0))
        m = raw_get(observer)
        self.assertDeath(m.headers["x-death"][1][0], a, "expired", "", [a])

    def test_two_queue_automatic_cycle_drops_the_message(self):
        """A expires into B (fine: B is not in x-death yet), B expires back into A: A is in
        x-death with no rejection on the way, so the message is dropped there."""
        ch = self.channel()
        a = self.queue_name("A")
        b = self.queue_name("B")
        ch.queue_declare(a, arguments={"x-dead-letter-exchange": "", "x-dead-letter-routing-key": b,
                                       "x-message-ttl": 30})
        ch.queue_declare(b, arguments={"x-dead-letter-exchange": "", "x-dead-letter-routing-key": a,
                                       "x-message-ttl": 300})
        self.fill(a, [b"loop"])
        self.wait_counts(b, messages=1)
        self.wait_counts(b, messages=0)
        settle([ch.connection], 0.2)
        self.assertEqual((self.queue_counts(a), self.queue_counts(b)), ((0, 0), (0, 0)))

if __name__ == "__main__":
    unittest.main(verbosity=2)
