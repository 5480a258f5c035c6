"""Heartbeats.

Covers: pika with heartbeat=2 negotiates 2 s and stays connected (and usable) through
8 s of idleness -- this needs the broker to accept pika's heartbeats and to send its own
(pika 1.2 checks for received bytes every timeout+5 = 7 s and drops a silent connection,
hence 8 s rather than 6); raw socket: with heartbeat=1 the
broker sends heartbeat frames (type 8, channel 0, empty) about twice per interval, and
closes the socket of a client that sends nothing for about 2-3 intervals, without a
connection.close; with heartbeat=0 the broker sends none.
"""

import socket
import time
import unittest

import frames as F
from support import AMQP_PORT, BrokerTestCase, Collector, pump


class PikaHeartbeat(BrokerTestCase):
    def test_idle_connection_survives(self):
        conn = self.connect(heartbeat=2)
        self.assertEqual(conn._impl.params.heartbeat, 2)     # what pika put in tune-ok
        ch = conn.channel()
        q = self.declare_queue(ch)
        conn.sleep(8)                # idle, but pika's I/O loop runs (and heartbeats)
        self.assertTrue(conn.is_open)
        got = Collector()
        ch.basic_consume(q, got, auto_ack=True)
        ch.basic_publish("", q, b"still here")
        pump([conn], lambda: got.deliveries)
        self.assertEqual(got.bodies, [b"still here"])


class RawHeartbeat(BrokerTestCase):
    def _frames_for(self, c, seconds):
        """[(elapsed, Frame or 'closed')] seen during `seconds`, heartbeats included."""
        seen, start = [], time.monotonic()
        end = start + seconds
        while time.monotonic() < end:
            try:
                f = c.recv_frame(timeout=end - time.monotonic(), skip_heartbeats=False)
            except socket.timeout:
                break
            except F.ConnectionClosedByPeer:
                seen.append((time.monotonic() - start, "closed"))
                break
            seen.append((time.monotonic() - start, f))
        return seen

    def test_broker_sends_heartbeats_and_drops_a_silent_client(self):
        with F.RawConnection(AMQP_PORT) as c:
            c.handshake(heartbeat=1)
            seen = self._frames_for(c, 8)
        frames = [f for _, f in seen if f != "closed"]
        self.assertTrue(frames, "no heartbeat at all")
        for f in frames:
            self.assertEqual((f.type, f.channel, f.payload), (F.FRAME_HEARTBEAT, 0, b""), f)
        in_first_two = [t for t, f in seen if f != "closed" and t < 2.2]
        self.assertGreaterEqual(len(in_first_two), 2, seen)
        self.assertEqual(seen[-1][1], "closed", "a client silent for 8 s was not dropped")
        # RabbitMQ: after about 3 intervals of silence; allow 2..5 intervals
        self.assertTrue(1.9 <= seen[-1][0] <= 5.0, seen[-1][0])

    def test_client_heartbeats_keep_the_connection(self):
        with F.RawConnection(AMQP_PORT) as c:
            c.handshake(heartbeat=1)
            end = time.monotonic() + 4
            while time.monotonic() < end:
                c.send(F.heartbeat_frame())
                try:
                    c.recv_frame(timeout=0.4, skip_heartbeats=True)
                    self.fail("unexpected frame")
                except socket.timeout:
                    pass
            c.open_channel(1)            # still alive and working

    def test_no_heartbeats_when_disabled(self):
        with F.RawConnection(AMQP_PORT) as c:
            c.handshake(heartbeat=0)
            self.assertEqual(self._frames_for(c, 2.5), [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
