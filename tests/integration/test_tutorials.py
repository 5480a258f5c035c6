"""RabbitMQ's official Python tutorials 1-7 (https://www.rabbitmq.com/tutorials, pika), as
tests of what each tutorial tells the user they will see.

Two forms where the tutorial declares a named queue (`hello`, `task_queue`, `rpc_queue`):
  *Classic*  the form most blog posts copy: plain queue_declare, durable=True where the
             tutorial says so (task_queue), delivery_mode=2.
  *Quorum*   today's published form: durable=True, arguments={"x-queue-type": "quorum"},
             pika.DeliveryMode.Persistent (pika >= 1.3; Debian's pika 1.2 has only the
             value 2, which is what goes on the wire either way).
Tutorials 3-5 declare only exclusive server-named queues (which cannot be quorum queues),
so both forms are the same code and they run once; tutorial 7 runs against a classic
and against a quorum queue. Queue and exchange names get a unique suffix (`it.hello.…`,
`it.logs.…`) so that runs and forms never collide; the broker sees the same methods.

Covers:
  1 hello world: send then receive (message waits in the queue), receiver waiting while
    send runs twice, queue_declare is idempotent.
  2 work queues: round-robin to two workers (First/Third/Fifth vs Second/Fourth), manual
    acks (acked tasks never come back), a worker killed before its ack -> the task goes to
    the other worker (redelivered), unacked tasks are not "ready"; without prefetch a busy
    worker still gets every second task; prefetch_count=1 fair dispatch (a slow worker
    holding its task gets nothing more while a fast worker does the rest); durable queue +
    persistent messages (delivery_mode 2 arrives, the queue is durable) without a restart;
    redeclaring with other parameters is an error (classic vs quorum, both directions).
  3 publish/subscribe: fanout `logs`, exclusive server-named queues (amq.gen-…), every
    subscriber gets every message, a later subscriber gets nothing earlier, a log with no
    subscriber is lost, the queue goes away with its subscriber's connection.
  4 routing: direct `direct_logs` with severities (a queue with several bindings), a
    severity nobody binds is dropped, the same binding key on two queues.
  5 topics: `*.orange.*`, `*.*.rabbit`, `lazy.#`, the tutorial's table of routing keys
    exactly (lazy.pink.rabbit reaches Q2 once); `#` behaves like fanout, a key without
    wildcards like direct.
  6 RPC: fib server (prefetch 1, ack after reply), exclusive server-named callback queue,
    correlation_id; fib(30) = 832040; several concurrent calls to two servers matched by
    correlation id, a reply with an unknown correlation id is discarded; the same calls
    over direct reply-to (amq.rabbitmq.reply-to, no-ack consumer on the publishing
    channel; its rules and errors are in test_direct_reply_to.py).
  7 publisher confirms: individually (pika BlockingChannel.confirm_delivery: each publish
    waits), in batches (wait for the batch's confirms before the next) and asynchronously
    (count acks, a multiple ack confirms every outstanding tag up to it), each message
    confirmed exactly once, in order, none nacked, all enqueued.
"""

import contextlib
import unittest
import uuid

import pika
import pika.exceptions
import pika.spec

import support
from support import BrokerTestCase, Collector, pump

# today's tutorials write pika.DeliveryMode.Persistent (pika >= 1.3); Debian's pika 1.2 has 2
PERSISTENT = getattr(getattr(pika, "DeliveryMode", None), "Persistent", pika.spec.PERSISTENT_DELIVERY_MODE)
QUORUM = {"x-queue-type": "quorum"}


class ClassicForm:
    """The tutorials as most blogs copy them: classic queues."""
    FORM = "classic"
    DELIVERY_MODE = 2   # "make message persistent"

    def queue_kwargs(self, durable=False):
        return {"durable": durable}


class QuorumForm:
    """The tutorials as published today: durable quorum queues."""
    FORM = "quorum"
    DELIVERY_MODE = PERSISTENT

    def queue_kwargs(self, durable=True):
        return {"durable": True, "arguments": dict(QUORUM)}


def consume_until_last(subscribers, last, timeout=5.0):
    """Pumps the subscribers' connections until each has received `last` (the sync point:
    per-queue order means everything published before it has arrived too)."""
    pump([s.connection for s in subscribers],
         lambda: all(s.got.bodies and s.got.bodies[-1] == last for s in subscribers),
         timeout, what="%r at every subscriber" % last)


# ---------------------------------------------------------------------------- 1 hello world

class HelloWorld:
    def send(self, hello):
        """send.py: its own connection, declare, publish 'Hello World!', close."""
        connection = self.connect()
        channel = connection.channel()
        channel.queue_declare(queue=hello, **self.queue_kwargs())
        channel.basic_publish(exchange="", routing_key=hello, body="Hello World!")
        connection.close()

    def receive(self, hello):
        """receive.py up to start_consuming(): declares too, consumes with auto_ack."""
        channel = self.channel()
        channel.queue_declare(queue=hello, **self.queue_kwargs())
        got = Collector()
        channel.basic_consume(queue=hello, on_message_callback=got, auto_ack=True)
        return channel, got

    def test_send_then_receive(self):
        hello = self.queue_name("hello")
        self.send(hello)
        self.wait_counts(hello, messages=1, consumers=0)   # rabbitmqctl list_queues: hello 1
        channel, got = self.receive(hello)
        pump([channel.connection], lambda: got.deliveries)
        self.assertEqual(got.bodies, [b"Hello World!"])    # " [x] Received b'Hello World!'"
        d = got.deliveries[0]
        self.assertEqual((d.method.exchange, d.method.routing_key, d.redelivered), ("", hello, False))
        self.assertEqual(self.queue_counts(hello), (0, 1))

    def test_receiver_waits_for_two_sends(self):
        hello = self.queue_name("hello")
        channel, got = self.receive(hello)
        self.send(hello)
        self.send(hello)
        pump([channel.connection], lambda: len(got.deliveries) == 2)
        self.assertEqual(got.bodies, [b"Hello World!", b"Hello World!"])
        self.assertEqual(self.queue_counts(hello), (0, 1))

    def test_declare_is_idempotent(self):
        hello = self.queue_name("hello")
        channel = self.channel()
        for _ in range(3):      # send.py and receive.py both declare; any number of times
            ok = channel.queue_declare(queue=hello, **self.queue_kwargs())
            self.assertEqual((ok.method.queue, ok.method.message_count, ok.method.consumer_count),
                             (hello, 0, 0))


class Tutorial1HelloWorldClassic(HelloWorld, ClassicForm, BrokerTestCase):
    pass


class Tutorial1HelloWorldQuorum(HelloWorld, QuorumForm, BrokerTestCase):
    pass


# ---------------------------------------------------------------------------- 2 work queues

TASKS = ["First message.", "Second message..", "Third message...", "Fourth message....",
         "Fifth message....."]


class Worker:
    """worker.py in the test's thread: its own connection; acks each task at once unless
    busy (then the task is held until finish())."""

    def __init__(self, case, queue, prefetch=1, busy=False):
        self.connection = case.connect()
        self.channel = self.connection.channel()
        self.channel.queue_declare(queue=queue, **case.queue_kwargs(durable=True))
        if prefetch:
            self.channel.basic_qos(prefetch_count=prefetch)
        self.got = Collector()
        self.busy = busy
        self.channel.basic_consume(queue=queue, on_message_callback=self._on_task)

    def _on_task(self, channel, method, properties, body):
        self.got(channel, method, properties, body)
        if not self.busy:
            channel.basic_ack(delivery_tag=method.delivery_tag)

    def finish(self):
        """The busy worker is done: ack what it holds, from now on ack at once."""
        self.busy = False
        self.channel.basic_ack(delivery_tag=0, multiple=True)

    @property
    def tasks(self):
        return [b.decode() for b in self.got.bodies]


class WorkQueues:
    def new_tasks(self, queue, tasks):
        """new_task.py for each task (one producer channel, so the order is the publish order)."""
        channel = self.channel()
        channel.queue_declare(queue=queue, **self.queue_kwargs(durable=True))
        for message in tasks:
            channel.basic_publish(exchange="", routing_key=queue, body=message,
                                  properties=pika.BasicProperties(delivery_mode=self.DELIVERY_MODE))
        return channel

    def task_queue(self):
        name = self.queue_name("task_queue")
        self.channel().queue_declare(queue=name, **self.queue_kwargs(durable=True))
        return name

    def test_round_robin_to_two_workers_with_manual_ack(self):
        queue = self.task_queue()
        w1 = Worker(self, queue, prefetch=0)
        w2 = Worker(self, queue, prefetch=0)
        self.new_tasks(queue, TASKS)
        pump([w1.connection, w2.connection], lambda: len(w1.tasks) + len(w2.tasks) == 5)
        self.assertEqual(w1.tasks, ["First message.", "Third message...", "Fifth message....."])
        self.assertEqual(w2.tasks, ["Second message..", "Fourth message...."])
        # every task was acked: when the workers stop, nothing comes back
        w1.connection.close()
        w2.connection.close()
        self.wait_counts(queue, messages=0, consumers=0)

    def test_worker_killed_before_ack_task_goes_to_another_worker(self):
        queue = self.task_queue()
        dying = self.spawn_consumer(queue, prefetch=1, name="dying worker")   # never acks
        dying.wait_ready()
        self.new_tasks(queue, ["Hello..."])
        d = dying.next_delivery()
        self.assertEqual((d["body"], d["redelivered"]), ("Hello...", False))
        # "messages_unacknowledged": held by the worker, so not ready
        self.assertEqual(self.queue_counts(queue), (0, 1))
        dying.kill()                                   # CTRL+C / crash before basic_ack
        self.wait_counts(queue, messages=1, consumers=0)
        other = Worker(self, queue)
        pump([other.connection], lambda: other.tasks)
        self.assertEqual(other.tasks, ["Hello..."])
        self.assertTrue(other.got.deliveries[0].redelivered)
        self.wait_counts(queue, messages=0, consumers=1)

    def test_without_prefetch_a_busy_worker_still_gets_every_second_task(self):
        queue = self.task_queue()
        busy = Worker(self, queue, prefetch=0, busy=True)
        idle = Worker(self, queue, prefetch=0)
        tasks = ["task %d" % i for i in range(1, 7)]
        self.new_tasks(queue, tasks)
        pump([busy.connection, idle.connection], lambda: len(busy.tasks) + len(idle.tasks) == 6)
        self.assertEqual(busy.tasks, ["task 1", "task 3", "task 5"])    # none acked yet
        self.assertEqual(idle.tasks, ["task 2", "task 4", "task 6"])

    def test_prefetch_one_fair_dispatch(self):
        queue = self.task_queue()
        slow = Worker(self, queue, prefetch=1, busy=True)    # subscribed first
        fast = Worker(self, queue, prefetch=1)
        self.assertEqual(self.queue_counts(queue), (0, 2))
        tasks = ["task %d" % i for i in range(1, 7)]
        self.new_tasks(queue, tasks)
        conns = [slow.connection, fast.connection]
        # the slow worker is busy with its one task; the fast one does all the others
        pump(conns, lambda: len(slow.tasks) == 1 and len(fast.tasks) == 5,
             what="1 task at the slow worker, 5 at the fast one")
        self.assertEqual(sorted(slow.tasks + fast.tasks), tasks)
        self.assertEqual(fast.tasks, [t for t in tasks if t not in slow.tasks])
        self.assertEqual(self.queue_counts(queue), (0, 2))   # nothing left over for anyone
        slow.finish()
        self.new_tasks(queue, ["task 7", "task 8"])
        pump(conns, lambda: len(slow.tasks) + len(fast.tasks) == 8)
        slow.connection.close()
        fast.connection.close()
        self.wait_counts(queue, messages=0, consumers=0)

    def test_durable_queue_and_persistent_messages(self):
        queue = self.task_queue()
        self.new_tasks(queue, ["persistent task"])
        self.wait_counts(queue, messages=1)
        worker = Worker(self, queue)
        pump([worker.connection], lambda: worker.tasks)
        self.assertEqual(worker.tasks, ["persistent task"])
        self.assertEqual(worker.got.deliveries[0].properties.delivery_mode, 2)
        # the queue is durable: the same declaration is fine, a non-durable one is refused
        with self.assertChannelClosed(406):
            self.channel().queue_declare(queue=queue, durable=False)
        self.channel().queue_declare(queue=queue, **self.queue_kwargs(durable=True))


class Tutorial2WorkQueuesClassic(WorkQueues, ClassicForm, BrokerTestCase):
    pass


class Tutorial2WorkQueuesQuorum(WorkQueues, QuorumForm, BrokerTestCase):
    pass


class RedeclaringAcrossForms(BrokerTestCase):
    """'RabbitMQ doesn't allow you to redefine an existing queue with different parameters
    and will return an error to any program that tries to do that.'"""

    def test_hello_redeclared_durable(self):
        hello = self.queue_name("hello")
        self.channel().queue_declare(queue=hello)
        with self.assertChannelClosed(
                406, "PRECONDITION_FAILED - inequivalent arg 'durable' for queue '%s' in vhost '/': "
                     "received 'true' but current is 'false'" % hello):
            self.channel().queue_declare(queue=hello, durable=True)

    def test_classic_task_queue_redeclared_as_quorum(self):
        queue = self.queue_name("task_queue")
        self.channel().queue_declare(queue=queue, durable=True)
        with self.assertChannelClosed(
                406, "PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for queue '%s' in vhost "
                     "'/': received the value 'quorum' of type 'longstr' but current is none" % queue):
            self.channel().queue_declare(queue=queue, durable=True, arguments=dict(QUORUM))

    def test_quorum_task_queue_redeclared_classic(self):
        queue = self.queue_name("task_queue")
        self.channel().queue_declare(queue=queue, durable=True, arguments=dict(QUORUM))
        with self.assertChannelClosed(
                406, "PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for queue '%s' in vhost "
                     "'/': received none but current is the value 'quorum' of type 'longstr'" % queue):
            self.channel().queue_declare(queue=queue, durable=True)


# ----------------------------------------------------------------- 3, 4, 5: exchanges

class Subscriber:
    """receive_logs*.py: its own connection, an exclusive server-named queue bound with
    binding_keys, an auto_ack consumer."""

    def __init__(self, case, exchange, exchange_type, binding_keys):
        self.connection = case.connect()
        channel = self.connection.channel()
        channel.exchange_declare(exchange=exchange, exchange_type=exchange_type)
        result = channel.queue_declare(queue="", exclusive=True)
        self.queue = result.method.queue
        for key in binding_keys:
            channel.queue_bind(exchange=exchange, queue=self.queue, routing_key=key)
        self.got = Collector()
        channel.basic_consume(queue=self.queue, on_message_callback=self.got, auto_ack=True)

    @property
    def seen(self):
        """What the script prints: (routing_key, body) for each message."""
        return [(d.method.routing_key, d.body.decode()) for d in self.got.deliveries]


class ExchangeTutorial(BrokerTestCase):
    def emitter(self, exchange, exchange_type):
        """emit_log*.py: declares the exchange, publishes (here: one channel for all)."""
        channel = self.channel()
        channel.exchange_declare(exchange=exchange, exchange_type=exchange_type)
        return channel


class Tutorial3PublishSubscribe(ExchangeTutorial):
    def test_every_subscriber_gets_every_message(self):
        logs = self.exchange_name("logs")
        subs = [Subscriber(self, logs, "fanout", [""]) for _ in range(2)]
        for s in subs:
            self.assertRegex(s.queue, r"^amq\.gen-[A-Za-z0-9_-]{22}$")
        emit = self.emitter(logs, "fanout")
        messages = ["info: Hello World!", "warning: disk", "error: Run. Run. Or it will explode."]
        for m in messages:
            emit.basic_publish(exchange=logs, routing_key="", body=m)
        consume_until_last(subs, messages[-1].encode())
        for s in subs:
            self.assertEqual(s.got.bodies, [m.encode() for m in messages])

    def test_late_subscriber_gets_only_later_messages(self):
        logs = self.exchange_name("logs")
        emit = self.emitter(logs, "fanout")
        emit.confirm_delivery()
        emit.basic_publish(exchange=logs, routing_key="", body="nobody listens")   # lost
        early = Subscriber(self, logs, "fanout", [""])
        emit.basic_publish(exchange=logs, routing_key="", body="first")
        late = Subscriber(self, logs, "fanout", [""])
        emit.basic_publish(exchange=logs, routing_key="", body="second")
        consume_until_last([early, late], b"second")
        self.assertEqual(early.got.bodies, [b"first", b"second"])
        self.assertEqual(late.got.bodies, [b"second"])

    def test_exclusive_queue_goes_away_with_its_subscriber(self):
        logs = self.exchange_name("logs")
        sub = Subscriber(self, logs, "fanout", [""])
        ok = sub.connection.channel().queue_declare(sub.queue, passive=True)
        self.assertEqual((ok.method.message_count, ok.method.consumer_count), (0, 1))
        sub.connection.close()

        def gone():
            try:
                self.queue_counts(sub.queue)
            except pika.exceptions.ChannelClosedByBroker as e:
                return e.reply_code == 404
            return False

        support.wait_until(gone, what="the exclusive queue to be deleted")


class Tutorial4Routing(ExchangeTutorial):
    def test_severities(self):
        direct_logs = self.exchange_name("direct_logs")
        to_file = Subscriber(self, direct_logs, "direct", ["warning", "error"])
        to_screen = Subscriber(self, direct_logs, "direct", ["info", "warning", "error"])
        emit = self.emitter(direct_logs, "direct")
        for severity, message in [("info", "Run. Run."), ("debug", "nobody binds debug"),
                                  ("warning", "Or it will"), ("error", "Run. Run. Or it will explode.")]:
            emit.basic_publish(exchange=direct_logs, routing_key=severity, body=message)
        consume_until_last([to_file, to_screen], b"Run. Run. Or it will explode.")
        self.assertEqual(to_file.seen, [("warning", "Or it will"),
                                        ("error", "Run. Run. Or it will explode.")])
        self.assertEqual(to_screen.seen, [("info", "Run. Run."), ("warning", "Or it will"),
                                          ("error", "Run. Run. Or it will explode.")])

    def test_direct_bindings_and_multiple_bindings(self):
        x = self.exchange_name("direct")
        q1 = Subscriber(self, x, "direct", ["orange"])
        q2 = Subscriber(self, x, "direct", ["black", "green"])
        emit = self.emitter(x, "direct")
        for key in ["orange", "black", "green", "purple", "green"]:
            emit.basic_publish(exchange=x, routing_key=key, body=key)
        pump([q1.connection, q2.connection], lambda: len(q2.got.deliveries) == 3)
        # the same binding key on both queues: like fanout for that key
        q1.connection.channel().queue_bind(exchange=x, queue=q1.queue, routing_key="black")
        emit.basic_publish(exchange=x, routing_key="black", body="black to both")
        consume_until_last([q1, q2], b"black to both")
        self.assertEqual(q1.got.bodies, [b"orange", b"black to both"])
        self.assertEqual(q2.got.bodies, [b"black", b"green", b"green", b"black to both"])


class Tutorial5Topics(ExchangeTutorial):
    TABLE = [   # routing key -> (Q1 *.orange.*, Q2 *.*.rabbit + lazy.#)
        ("quick.orange.rabbit", True, True),
        ("lazy.orange.elephant", True, True),
        ("quick.orange.fox", True, False),
        ("lazy.brown.fox", False, True),
        ("lazy.pink.rabbit", False, True),        # matches both Q2 bindings: delivered once
        ("quick.brown.fox", False, False),
        ("orange", False, False),
        ("quick.orange.male.rabbit", False, False),
        ("lazy.orange.male.rabbit", False, True),
    ]

    def test_tutorial_table(self):
        topic_logs = self.exchange_name("topic_logs")
        q1 = Subscriber(self, topic_logs, "topic", ["*.orange.*"])
        q2 = Subscriber(self, topic_logs, "topic", ["*.*.rabbit", "lazy.#"])
        everything = Subscriber(self, topic_logs, "topic", ["#"])             # like fanout
        exact = Subscriber(self, topic_logs, "topic", ["quick.orange.rabbit"])  # like direct
        emit = self.emitter(topic_logs, "topic")
        keys = [k for k, _, _ in self.TABLE]
        for key in keys:
            emit.basic_publish(exchange=topic_logs, routing_key=key, body="msg for " + key)
        # the sync point: routed to all four queues, after everything else
        emit.basic_publish(exchange=topic_logs, routing_key="quick.orange.rabbit", body="last")
        consume_until_last([q1, q2, everything, exact], b"last")
        got = {name: [rk for rk, _ in s.seen[:-1]] for name, s in
               [("Q1", q1), ("Q2", q2), ("#", everything), ("exact", exact)]}
        self.assertEqual(got["Q1"], [k for k, a, _ in self.TABLE if a])
        self.assertEqual(got["Q2"], [k for k, _, b in self.TABLE if b])
        self.assertEqual(got["#"], keys)
        self.assertEqual(got["exact"], ["quick.orange.rabbit"])


# ---------------------------------------------------------------------------- 6 RPC

def fib(n):
    if n == 0:
        return 0
    elif n == 1:
        return 1
    else:
        return fib(n - 1) + fib(n - 2)


DIRECT_REPLY_TO = "amq.rabbitmq.reply-to"


class FibonacciRpcClient:
    """rpc_client.py, able to have several calls in flight (matched by correlation_id).
    direct=True: direct reply-to instead of an exclusive callback queue."""

    def __init__(self, case, rpc_queue, direct=False):
        self.connection = case.connect()
        self.channel = self.connection.channel()
        if direct:
            self.callback_queue = DIRECT_REPLY_TO
        else:
            result = self.channel.queue_declare(queue="", exclusive=True)
            self.callback_queue = result.method.queue
        self.channel.basic_consume(queue=self.callback_queue, on_message_callback=self.on_response,
                                   auto_ack=True)
        self.rpc_queue = rpc_queue
        self.pending = {}      # corr_id -> n
        self.responses = {}    # corr_id -> body
        self.deliveries = {}   # corr_id -> Basic.Deliver
        self.discarded = []

    def on_response(self, ch, method, props, body):
        if props.correlation_id in self.pending:
            self.responses[props.correlation_id] = body
            self.deliveries[props.correlation_id] = method
        else:
            self.discarded.append((props.correlation_id, body))   # "safely discard"

    def send(self, n):
        corr_id = str(uuid.uuid4())
        self.pending[corr_id] = n
        self.channel.basic_publish(exchange="", routing_key=self.rpc_queue,
                                   properties=pika.BasicProperties(reply_to=self.callback_queue,
                                                                   correlation_id=corr_id),
                                   body=str(n))
        return corr_id

    def wait(self, corr_ids, timeout=10.0):
        pump([self.connection], lambda: all(c in self.responses for c in corr_ids), timeout,
             what="RPC responses")
        return [int(self.responses[c]) for c in corr_ids]

    def call(self, n):
        return self.wait([self.send(n)])[0]


class Rpc:
    def rpc_server(self, rpc_queue, name="rpc server"):
        """rpc_server.py in a thread; returns the thread and the reply_to values it saw."""
        seen_reply_to = []

        def on_request(ch, method, props, body):
            n = int(body)
            seen_reply_to.append(props.reply_to)
            response = fib(n)
            ch.basic_publish(exchange="", routing_key=props.reply_to,
                             properties=pika.BasicProperties(correlation_id=props.correlation_id),
                             body=str(response))
            ch.basic_ack(delivery_tag=method.delivery_tag)

        def setup(channel):
            channel.queue_declare(queue=rpc_queue, **self.queue_kwargs())
            channel.basic_qos(prefetch_count=1)
            channel.basic_consume(queue=rpc_queue, on_message_callback=on_request)

        return self.start_consumer_thread(setup, name=name), seen_reply_to

    def test_fib_30(self):
        rpc_queue = self.queue_name("rpc_queue")
        server, seen = self.rpc_server(rpc_queue)
        client = FibonacciRpcClient(self, rpc_queue)
        self.assertRegex(client.callback_queue, r"^amq\.gen-")
        self.assertEqual(client.call(30), 832040)   # " [.] Got 832040"
        self.assertEqual(seen, [client.callback_queue])
        server.stop()

    def test_concurrent_calls_matched_by_correlation_id(self):
        rpc_queue = self.queue_name("rpc_queue")
        servers = [self.rpc_server(rpc_queue, name="rpc server %d" % i)[0] for i in (1, 2)]
        self.wait_counts(rpc_queue, consumers=2)
        client = FibonacciRpcClient(self, rpc_queue)
        # a stray reply nobody asked for is discarded, not taken for an answer
        client.channel.basic_publish(exchange="", routing_key=client.callback_queue, body="999",
                                     properties=pika.BasicProperties(correlation_id="stray"))
        ns = [25, 3, 20, 0, 1, 22, 10, 24, 5, 18]
        corr_ids = [client.send(n) for n in ns]
        self.assertEqual(len(set(corr_ids)), len(ns))
        self.assertEqual(client.wait(corr_ids), [fib(n) for n in ns])
        self.assertEqual(client.discarded, [("stray", b"999")])
        for s in servers:
            s.stop()

    def test_direct_reply_to(self):
        rpc_queue = self.queue_name("rpc_queue")
        server, seen = self.rpc_server(rpc_queue)
        client = FibonacciRpcClient(self, rpc_queue, direct=True)
        ns = [30, 7, 12]
        corr_ids = [client.send(n) for n in ns]
        self.assertEqual(client.wait(corr_ids), [832040, 13, 144])
        # the server sees a per-channel name under amq.rabbitmq.reply-to. and replies to it
        # through the default exchange; the client gets it with that routing key
        self.assertEqual(len(seen), 3)
        self.assertEqual(len(set(seen)), 1)
        self.assertTrue(seen[0].startswith(DIRECT_REPLY_TO + "."), seen[0])
        for c in corr_ids:
            d = client.deliveries[c]
            self.assertEqual((d.exchange, d.routing_key), ("", seen[0]))
        self.assertEqual(self.queue_counts(rpc_queue), (0, 1))
        server.stop()


class Tutorial6RpcClassic(Rpc, ClassicForm, BrokerTestCase):
    pass


class Tutorial6RpcQuorum(Rpc, QuorumForm, BrokerTestCase):
    pass


# ---------------------------------------------------------------------------- 7 confirms

class AsyncConfirmPublisher:
    """The tutorial's batch and asynchronous strategies on pika's SelectConnection: every
    publish is recorded as outstanding under its sequence number (1, 2, ...); the ack/nack
    callback removes it, or with multiple=True every outstanding number up to it. With a
    batch size, the next batch is published once the previous one is fully confirmed."""

    def __init__(self, queue, total, batch_size=None, timeout=20.0):
        self.queue, self.total = queue, total
        self.batch_size = batch_size or total
        self.timeout = timeout
        self.outstanding = {}
        self.acks, self.nacks, self.problems = [], [], []
        self.published = 0
        self.batches = 0
        self.connection = self.channel = None

    def run(self):
        self.connection = pika.SelectConnection(
            support.params(), on_open_callback=self._on_open,
            on_open_error_callback=self._on_open_error, on_close_callback=self._on_close)
        timer = self.connection.ioloop.call_later(self.timeout, self._on_timeout)
        try:
            self.connection.ioloop.start()
        finally:
            self.connection.ioloop.remove_timeout(timer)
            self.connection.ioloop.close()
        return self

    def _on_open(self, connection):
        connection.channel(on_open_callback=self._on_channel)

    def _on_open_error(self, connection, error):
        self.problems.append("connection failed: %r" % error)
        connection.ioloop.stop()

    def _on_close(self, connection, reason):
        if self.outstanding or self.published < self.total:
            self.problems.append("connection closed: %r" % reason)
        connection.ioloop.stop()

    def _on_channel(self, channel):
        self.channel = channel
        channel.confirm_delivery(ack_nack_callback=self._on_confirm,
                                 callback=lambda _frame: self._publish_batch())

    def _publish_batch(self):
        self.batches += 1
        for _ in range(min(self.batch_size, self.total - self.published)):
            self.published += 1
            body = b"message %d" % self.published
            self.outstanding[self.published] = body
            self.channel.basic_publish("", self.queue, body)

    def _on_confirm(self, frame):
        tag, multiple = frame.method.delivery_tag, frame.method.multiple
        is_ack = isinstance(frame.method, pika.spec.Basic.Ack)
        (self.acks if is_ack else self.nacks).append((tag, multiple))
        if tag not in self.outstanding:
            self.problems.append("confirm of tag %d which is not outstanding" % tag)
        confirmed = [seq for seq in self.outstanding if seq <= tag] if multiple else [tag]
        for seq in confirmed:
            self.outstanding.pop(seq, None)
        if not self.outstanding:
            if self.published < self.total:
                self._publish_batch()
            else:
                self.connection.close()

    def _on_timeout(self):
        self.problems.append("timed out: %d published, %d outstanding"
                             % (self.published, len(self.outstanding)))
        self.connection.ioloop.call_later(2.0, self.connection.ioloop.stop)   # close or not
        with contextlib.suppress(Exception):
            self.connection.close()


class PublisherConfirms:
    def confirm_queue(self):
        name = self.queue_name("confirms")
        if self.FORM == "classic":   # the tutorial: a non-durable, auto-delete queue
            self.channel().queue_declare(queue=name, auto_delete=True)
        else:
            self.channel().queue_declare(queue=name, durable=True, arguments=dict(QUORUM))
        return name

    def assert_all_confirmed(self, publisher, total):
        self.assertEqual(publisher.problems, [])
        self.assertEqual(publisher.nacks, [])
        self.assertEqual((publisher.published, publisher.outstanding), (total, {}))
        tags = [t for t, _ in publisher.acks]
        self.assertEqual(tags, sorted(set(tags)), "acks out of order or repeated")
        self.assertEqual(tags[-1], total)
        self.assertEqual(self.queue_counts(publisher.queue), (total, 0))

    def test_publishing_individually(self):
        queue = self.confirm_queue()
        channel = self.channel()
        channel.confirm_delivery()
        for i in range(1, 101):
            channel.basic_publish(exchange="", routing_key=queue, body="message %d" % i)
            if i in (1, 50):     # basic_publish returned: the broker has confirmed it
                self.assertEqual(self.queue_counts(queue), (i, 0))
        self.assertEqual(self.queue_counts(queue), (100, 0))

    def test_publishing_in_batches(self):
        publisher = AsyncConfirmPublisher(self.confirm_queue(), 500, batch_size=100).run()
        self.assert_all_confirmed(publisher, 500)
        self.assertEqual(publisher.batches, 5)

    def test_handling_confirms_asynchronously(self):
        publisher = AsyncConfirmPublisher(self.confirm_queue(), 2000).run()
        self.assert_all_confirmed(publisher, 2000)


class Tutorial7PublisherConfirmsClassic(PublisherConfirms, ClassicForm, BrokerTestCase):
    pass


class Tutorial7PublisherConfirmsQuorum(PublisherConfirms, QuorumForm, BrokerTestCase):
    pass


if __name__ == "__main__":
    unittest.main(verbosity=2)
