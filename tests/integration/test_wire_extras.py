"""Raw-socket tests of the corners no client library lets us reach directly.

Covers: AMQPLAIN login (a field table without its length prefix); channel.flow
active=true is answered with flow-ok, active=false is refused (RabbitMQ no longer lets
clients stop deliveries: 540 NOT_IMPLEMENTED); basic.recover and basic.recover-async with
requeue=false -> 540; basic.publish with immediate=true -> 540; tx.commit on a channel that
is not transactional -> 406.
"""

import unittest

import frames as F
from support import WireTestCase

CHANNEL_FLOW, CHANNEL_FLOW_OK = (20, 20), (20, 21)
BASIC_RECOVER_ASYNC, BASIC_RECOVER, BASIC_RECOVER_OK = (60, 100), (60, 110), (60, 111)
TX_COMMIT = (90, 20)


def amqplain(user, password):
    return F.table({"LOGIN": user, "PASSWORD": password})[4:]   # the entries, without the length


class Extras(WireTestCase):
    def test_amqplain_login(self):
        c = self.raw(handshake=False)
        c.send(F.PROTOCOL_HEADER)
        c.recv_method(F.CONNECTION_START)
        c.send(F.method_frame(0, F.CONNECTION_START_OK, F.table() + F.shortstr("AMQPLAIN")
                              + F.longstr(amqplain("guest", "guest")) + F.shortstr("en_US")))
        c.recv_method(F.CONNECTION_TUNE)

    def test_amqplain_bad_password_closes_silently(self):
        c = self.raw(handshake=False)
        c.send(F.PROTOCOL_HEADER)
        c.recv_method(F.CONNECTION_START)
        c.send(F.method_frame(0, F.CONNECTION_START_OK, F.table() + F.shortstr("AMQPLAIN")
                              + F.longstr(amqplain("guest", "nope")) + F.shortstr("en_US")))
        self.assertSilentClose(c)

    def test_flow_active_true_is_acknowledged(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, CHANNEL_FLOW, F.bits(True)))
        f = c.recv_method(CHANNEL_FLOW_OK)
        self.assertEqual(f.payload[4:], b"\x01")

    def test_flow_active_false_is_not_implemented(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, CHANNEL_FLOW, F.bits(False)))
        self.assertHardError(c, 540, "NOT_IMPLEMENTED - active=false", 20, 20)

    def test_recover_without_requeue_is_not_implemented(self):
        for method in (BASIC_RECOVER, BASIC_RECOVER_ASYNC):
            with self.subTest(method=method):
                c = self.raw(channel=1)
                c.send(F.method_frame(1, method, F.bits(False)))
                self.assertHardError(c, 540, "NOT_IMPLEMENTED - requeue=false", *method)

    def test_immediate_publish_is_not_implemented(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, F.BASIC_PUBLISH, F.publish_args("", "q", immediate=True))
               + F.header_frame(1, 1) + F.body_frame(1, b"x"))
        self.assertHardError(c, 540, "NOT_IMPLEMENTED - immediate=true", 60, 40)

    def test_commit_outside_a_transaction(self):
        c = self.raw(channel=1)
        c.send(F.method_frame(1, TX_COMMIT))
        self.assertSoftError(c, 1, 406, "PRECONDITION_FAILED - channel is not transactional", 90, 20)


if __name__ == "__main__":
    unittest.main(verbosity=2)
