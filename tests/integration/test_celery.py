"""A real Celery worker (Debian's celery 5.2, kombu on py-amqp) against the broker.

Covers: `celery -A celery_app worker --pool=solo` (clients/celery_app.py) as a subprocess
with broker_url=AMQP_URL and result_backend='rpc://' starts and reports "ready" (it
declares its task queue, its pidbox fanout exchange and its control queue); add.delay(2, 2)
.get() == 4 through the rpc:// result backend; several tasks in flight; app.control.ping
(what `celery inspect ping` sends) gets the worker's pong; the worker shuts down cleanly on
SIGTERM (warm shutdown, exit status 0). Every name (task queue, control exchange, worker
node) is unique to the test, and the exchanges and queues are deleted afterwards.
"""

import contextlib
import os
import sys
import unittest

import support
from support import AMQP_URL, PYTHON, BrokerTestCase

CLIENTS = os.path.join(support.HERE, "clients")
sys.path.insert(0, CLIENTS)

import celery_app  # noqa: E402


class CeleryWorker(BrokerTestCase):
    def setUp(self):
        super().setUp()
        self.task_queue = self.queue_name("celery")      # also the name of its direct exchange
        self._exchanges.append(self.task_queue)
        control = support.unique("celery-control")
        self._exchanges += [control + ".pidbox", "reply.%s.pidbox" % control]
        self.node = "%s@localhost" % support.unique("worker")
        self._queues.append("%s.%s.pidbox" % (self.node, control))
        self.app = celery_app.make_app(AMQP_URL, self.task_queue, control)
        self.addCleanup(self.close_app)
        env = dict(os.environ, AMQP_URL=AMQP_URL, WARREN_CELERY_QUEUE=self.task_queue,
                   WARREN_CELERY_CONTROL=control, PYTHONDONTWRITEBYTECODE="1")
        self.worker = self.spawn_process(
            [PYTHON, "-m", "celery", "-A", "celery_app", "worker", "--pool=solo", "-c", "1",
             "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", self.node, "--loglevel=INFO"],
            "celery worker", env=env, cwd=CLIENTS)
        self.worker.wait_for_line("%s ready." % self.node, timeout=20)

    def close_app(self):
        """Closes the client side's connections: the rpc:// result consumer's and the pool's."""
        consumer = self.app.backend.result_consumer
        if consumer._connection is not None:
            with contextlib.suppress(Exception):
                consumer.stop()
        with contextlib.suppress(Exception):
            self.app.pool.force_close_all()
        self.app.close()

    def stop_worker(self):
        status = self.worker.terminate(timeout=10)
        self.assertEqual(status, 0, self.worker.output)
        self.assertIn("Warm shutdown", self.worker.output)

    def test_add_ping_and_clean_shutdown(self):
        add = self.app.tasks[celery_app.ADD]
        self.assertEqual(add.delay(2, 2).get(timeout=10), 4)
        results = [add.delay(i, i) for i in range(5)]
        self.assertEqual([r.get(timeout=10) for r in results], [0, 2, 4, 6, 8])
        # the worker consumes its queue with prefetch 1: nothing is left in it
        self.assertEqual(self.queue_counts(self.task_queue), (0, 1))
        # celery inspect ping / app.control.ping: a broadcast on the pidbox fanout exchange,
        # answered through the reply exchange
        self.assertEqual(self.app.control.ping(destination=[self.node], timeout=5),
                         [{self.node: {"ok": "pong"}}])
        self.stop_worker()
        self.wait_counts(self.task_queue, messages=0, consumers=0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
