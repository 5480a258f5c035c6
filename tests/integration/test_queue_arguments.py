"""queue.declare x-arguments: validation and equivalence, as RabbitMQ 3.10 answers them.

Covers: the exact 406 texts for invalid values and wrong types of x-message-ttl, x-expires,
x-max-length, x-max-length-bytes, x-overflow, x-max-priority, x-dead-letter-exchange,
x-dead-letter-routing-key (also without a DLX), x-single-active-consumer, x-queue-type,
x-queue-mode; the largest TTL / expiry accepted (315360000000 ms, ten years); every AMQP
integer width accepted for integer arguments, floats/timestamps/void/byte arrays refused
(raw socket, with the close's class/method 50,10); unknown x-arguments accepted and not
compared on redeclare; integer widths equivalent on redeclare; the inequivalent-argument
texts for a changed, added or removed argument (the value printed with its AMQP type name
when one side is missing), also when the new value would itself be invalid.

The behaviour of each argument lives in test_ttl, test_dead_lettering, test_queue_limits,
test_priorities, test_single_active_consumer and test_quorum.

Seen on RabbitMQ 3.10.8 and deliberately NOT tested (RabbitMQ crashes: the client gets
connection.close 541 INTERNAL_ERROR): x-queue-master-locator "bogus" at declare, a stream
declared with x-max-age "bogus", a stream consumer with x-stream-offset "bogus".
"""

import unittest

import frames as F
import support
from support import AMQP_PORT, BrokerTestCase, declare_outcome, field

V = "in vhost '/'"
MAX_TTL = 315360000000          # ms; RabbitMQ refuses anything larger for TTLs and x-expires


def invalid(arg, name, reason):
    return (406, "PRECONDITION_FAILED - invalid arg '%s' for queue '%s' %s: %s"
            % (arg, name, V, reason))


def inequivalent(arg, name, received, current):
    return (406, "PRECONDITION_FAILED - inequivalent arg '%s' for queue '%s' %s: received %s but "
                 "current is %s" % (arg, name, V, received, current))


class Validation(BrokerTestCase):
    """Each case: (arguments, the reason RabbitMQ prints after "invalid arg 'A' for queue 'Q'
    in vhost '/': ", or None for declare-ok)."""

    def check(self, cases):
        for arguments, reason in cases:
            name = support.unique("args")
            with self.subTest(arguments=arguments):
                got = declare_outcome(arguments, name=name)
                if reason is None:
                    self.assertIsNone(got)
                else:
                    # reason: the text, or (argument, text) when several are given
                    arg, text = reason if isinstance(reason, tuple) else (next(iter(arguments)),
                                                                          reason)
                    self.assertEqual(got, invalid(arg, name, text))

    def test_message_ttl(self):
        self.check([
            ({"x-message-ttl": -1}, "{value_negative,-1}"),
            ({"x-message-ttl": "abc"}, '"expected integer, got longstr"'),
            ({"x-message-ttl": "100"}, '"expected integer, got longstr"'),
            ({"x-message-ttl": True}, '"expected integer, got bool"'),
            ({"x-message-ttl": MAX_TTL + 1}, "{value_too_large,%d}" % (MAX_TTL + 1)),
            ({"x-message-ttl": 0}, None),
            ({"x-message-ttl": MAX_TTL}, None),
        ])

    def test_expires(self):
        self.check([
            ({"x-expires": 0}, "{value_zero,0}"),
            ({"x-expires": -1}, "{value_negative,-1}"),
            ({"x-expires": "abc"}, '"expected integer, got longstr"'),
            ({"x-expires": True}, '"expected integer, got bool"'),
            ({"x-expires": MAX_TTL + 1}, "{value_too_large,%d}" % (MAX_TTL + 1)),
            ({"x-expires": 1}, None),
            ({"x-expires": MAX_TTL}, None),
        ])

    def test_max_length(self):
        self.check([
            ({"x-max-length": "abc"}, '"expected integer, got longstr"'),
            ({"x-max-length": -1}, "{value_negative,-1}"),
            ({"x-max-length": True}, '"expected integer, got bool"'),
            ({"x-max-length-bytes": "abc"}, '"expected integer, got longstr"'),
            ({"x-max-length-bytes": -1}, "{value_negative,-1}"),
            ({"x-max-length": 0}, None),
            ({"x-max-length": 2 ** 40}, None),
            ({"x-max-length-bytes": 0}, None),
        ])

    def test_overflow(self):
        self.check([
            ({"x-overflow": "nope"}, "invalid_overflow"),
            ({"x-overflow": "Drop-Head"}, "invalid_overflow"),
            ({"x-overflow": 1}, "{unacceptable_type,signedint}"),
            ({"x-overflow": "drop-head"}, None),
            ({"x-overflow": "reject-publish"}, None),
            ({"x-overflow": "reject-publish-dlx"}, None),
        ])

    def test_max_priority(self):
        self.check([
            ({"x-max-priority": 256}, "{max_value_exceeded,256}"),
            ({"x-max-priority": 2 ** 40}, "{max_value_exceeded,%d}" % 2 ** 40),
            ({"x-max-priority": -1}, "{value_negative,-1}"),
            ({"x-max-priority": "abc"}, '"expected integer, got longstr"'),
            ({"x-max-priority": 0}, None),
            ({"x-max-priority": 255}, None),
        ])

    def test_dead_letter_arguments(self):
        self.check([
            ({"x-dead-letter-routing-key": "rk"}, "routing_key_but_no_dlx_defined"),
            ({"x-dead-letter-exchange": "", "x-dead-letter-routing-key": 1},
             ("x-dead-letter-routing-key", "{unacceptable_type,signedint}")),
            ({"x-dead-letter-exchange": "no-such-exchange"}, None),   # not checked at declare
            ({"x-dead-letter-exchange": ""}, None),
        ])

    def test_dead_letter_exchange_of_wrong_type(self):
        # a differently worded text than every other argument
        name = support.unique("args")
        self.assertEqual(declare_outcome({"x-dead-letter-exchange": 1}, name=name),
                         (406, "PRECONDITION_FAILED - invalid type 'signedint' for arg "
                               "'x-dead-letter-exchange' in queue '%s' %s" % (name, V)))

    def test_single_active_consumer_queue_type_and_mode(self):
        self.check([
            ({"x-single-active-consumer": "yes"}, "{unacceptable_type,longstr}"),
            ({"x-single-active-consumer": 1}, "{unacceptable_type,signedint}"),
            ({"x-queue-type": "bogus"}, "\"unsupported queue type 'bogus'\""),
            ({"x-queue-type": "Classic"}, "\"unsupported queue type 'Classic'\""),
            ({"x-queue-type": 1}, "{unacceptable_type,signedint}"),
            ({"x-queue-mode": "bogus"}, "\"unsupported queue mode 'bogus'\""),
            ({"x-single-active-consumer": True}, None),
            ({"x-single-active-consumer": False}, None),
            ({"x-queue-type": "classic"}, None),
            ({"x-queue-mode": "lazy"}, None),
            ({"x-queue-mode": "default"}, None),
        ])

    def test_unknown_arguments_are_accepted(self):
        self.assertIsNone(declare_outcome({"x-unknown": "ok", "no-x-prefix": 1}))


class RawTypes(BrokerTestCase):
    """Argument types pika cannot send: each AMQP integer width is an integer to RabbitMQ."""

    def test_integer_widths_and_non_integers(self):
        cases = [("b", 5, None), ("B", 5, None), ("s", 5, None), ("u", 5, None), ("I", 5, None),
                 ("i", 5, None), ("l", 5, None),
                 ("d", 5.0, "double"), ("f", 5.0, "float"), ("T", 5, "timestamp"),
                 ("x", b"abc", "binary"), ("V", None, "void")]
        for kind, value, got_type in cases:
            name = self.queue_name("raw")
            with self.subTest(kind=kind), F.RawConnection(AMQP_PORT) as c:
                c.handshake()
                c.open_channel(1)
                c.send(F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args(
                    name, arguments={"x-max-length": field(kind, value)})))
                f = c.recv_frame()
                if got_type is None:
                    self.assertEqual(f.method, F.QUEUE_DECLARE_OK, f)
                    continue
                self.assertEqual(f.method, F.CHANNEL_CLOSE, f)
                code, text = invalid("x-max-length", name,
                                     '"expected integer, got %s"' % got_type)
                self.assertEqual(F.parse_close(f), (code, text, 50, 10))

    def test_integer_widths_are_equivalent_on_redeclare(self):
        with F.RawConnection(AMQP_PORT) as c:
            c.handshake()
            c.open_channel(1)
            name = self.queue_name("raw")
            for kind in ("I", "l", "s", "b", "u"):
                c.send(F.method_frame(1, F.QUEUE_DECLARE, F.queue_declare_args(
                    name, arguments={"x-max-length": field(kind, 100)})))
                self.assertEqual(c.recv_frame().method, F.QUEUE_DECLARE_OK, kind)


class Equivalence(BrokerTestCase):
    def redeclare(self, first, second):
        ch = self.channel()
        name = self.declare_queue(ch, "eq", arguments=first)
        try:
            self.channel().queue_declare(name, arguments=second)
        except support.pika.exceptions.ChannelClosedByBroker as e:
            return name, (e.reply_code, e.reply_text)
        return name, None

    def test_changed_values(self):
        for arg, a, b, shown in [("x-message-ttl", 100, 200, ("'200'", "'100'")),
                                 ("x-expires", 1000, 2000, ("'2000'", "'1000'")),
                                 ("x-max-length-bytes", 1, 2, ("'2'", "'1'")),
                                 ("x-max-priority", 1, 2, ("'2'", "'1'")),
                                 ("x-overflow", "drop-head", "reject-publish",
                                  ("'reject-publish'", "'drop-head'")),
                                 ("x-dead-letter-exchange", "a", "b", ("'b'", "'a'")),
                                 ("x-single-active-consumer", True, False, ("'false'", "'true'")),
                                 # same printed value, other type: still inequivalent
                                 ("x-max-length", 10, "10", ("'10'", "'10'")),
                                 # the new value is not validated first
                                 ("x-message-ttl", 100, -1, ("'-1'", "'100'"))]:
            with self.subTest(arg=arg, first=a, second=b):
                name, got = self.redeclare({arg: a}, {arg: b})
                self.assertEqual(got, inequivalent(arg, name, *shown))

    def test_changed_dead_letter_routing_key(self):
        name, got = self.redeclare(
            {"x-dead-letter-exchange": "a", "x-dead-letter-routing-key": "k"},
            {"x-dead-letter-exchange": "a", "x-dead-letter-routing-key": "j"})
        self.assertEqual(got, inequivalent("x-dead-letter-routing-key", name, "'j'", "'k'"))

    def test_removed_argument(self):
        for arg, value, shown in [("x-message-ttl", 100, "the value '100' of type 'signedint'"),
                                  ("x-overflow", "drop-head",
                                   "the value 'drop-head' of type 'longstr'"),
                                  ("x-dead-letter-exchange", "a",
                                   "the value 'a' of type 'longstr'"),
                                  ("x-queue-mode", "lazy", "the value 'lazy' of type 'longstr'"),
                                  ("x-single-active-consumer", True,
                                   "the value 'true' of type 'bool'")]:
            with self.subTest(arg=arg):
                name, got = self.redeclare({arg: value}, {})
                self.assertEqual(got, inequivalent(arg, name, "none", shown))

    def test_added_argument(self):
        name, got = self.redeclare({}, {"x-message-ttl": 100})
        self.assertEqual(got, inequivalent("x-message-ttl", name,
                                           "the value '100' of type 'signedint'", "none"))

    def test_unknown_arguments_are_not_compared(self):
        name, got = self.redeclare({"x-unknown": 1}, {"x-unknown": 2, "x-other": "new"})
        self.assertIsNone(got)


if __name__ == "__main__":
    unittest.main(verbosity=2)
