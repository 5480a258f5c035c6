"""Named pika clients for the explorer's tests, one scene per subcommand:

    /usr/bin/python3 learner_clients.py PORT round-robin COUNT
        'worker 1' and 'worker 2' consume from 'tasks' (manual acks, no prefetch limit: strict
        round-robin); 'producer P1' publishes COUNT messages to 'tasks' and 3 to the topic
        exchange 'audit'. Prints "acked A B" (what each worker acknowledged), then keeps the
        connections open until standard input closes.
    /usr/bin/python3 learner_clients.py PORT consume QUEUE
        'stepper' consumes from QUEUE with manual acks and prints "got BODY" per message,
        until standard input closes.
    /usr/bin/python3 learner_clients.py PORT events
        'producer P1' publishes 'kern.critical' to the topic exchange 'logs' (bound to 'q1'
        with 'kern.*'), which 'worker 1' consumes and acknowledges; then a mandatory publish no
        queue matches (returned) and one without mandatory (dropped). Prints "done" and waits
        for standard input to close.
    /usr/bin/python3 learner_clients.py PORT hold
        'idle client' connects, prints "ready" and waits; prints "closed CODE TEXT" when the
        broker closes the connection.
"""
import select
import sys
import time

import pika

PORT, SCENE = int(sys.argv[1]), sys.argv[2]


def connect(name):
    return pika.BlockingConnection(
        pika.ConnectionParameters("127.0.0.1", PORT, client_properties={"connection_name": name}))


def stdin_open():
    readable, _, _ = select.select([sys.stdin], [], [], 0)
    return not readable or sys.stdin.read(1) != ""


def wait_for_stdin(*connections):
    """Keeps the connections open until standard input closes, then closes them properly."""
    while stdin_open():
        for c in connections:
            c.process_data_events(time_limit=0.05)
    for c in connections:
        c.close()


def round_robin(count):
    setup = connect("setup")
    ch = setup.channel()
    ch.queue_declare("tasks")
    ch.exchange_declare("audit", "topic")
    acked = {}
    workers = []
    for name in ("worker 1", "worker 2"):
        c = connect(name)
        wch = c.channel()
        acked[name] = 0

        def on_message(channel, method, properties, body, name=name):
            channel.basic_ack(method.delivery_tag)
            acked[name] += 1

        wch.basic_consume("tasks", on_message)
        workers.append(c)
    producer = connect("producer P1")
    pch = producer.channel()
    for i in range(count):
        pch.basic_publish("", "tasks", b"task %d" % i)
    for i in range(3):
        pch.basic_publish("audit", "login.ok", b"audit %d" % i)
    end = time.time() + 10
    while sum(acked.values()) < count and time.time() < end:
        for c in workers:
            c.process_data_events(time_limit=0.05)
    print("acked %d %d" % (acked["worker 1"], acked["worker 2"]), flush=True)
    wait_for_stdin(setup, producer, *workers)


def consume(queue):
    c = connect("stepper")
    ch = c.channel()

    def on_message(channel, method, properties, body):
        print("got %s" % body.decode(), flush=True)
        channel.basic_ack(method.delivery_tag)

    ch.basic_consume(queue, on_message)
    print("ready", flush=True)
    wait_for_stdin(c)


def events():
    setup = connect("setup")
    ch = setup.channel()
    ch.exchange_declare("logs", "topic")
    ch.queue_declare("q1")
    ch.queue_bind("q1", "logs", "kern.*")
    worker = connect("worker 1")
    got = []

    def on_message(channel, method, properties, body):
        channel.basic_ack(method.delivery_tag)
        got.append(body)

    worker.channel().basic_consume("q1", on_message)
    producer = connect("producer P1")
    pch = producer.channel()
    returned = []
    pch.add_on_return_callback(lambda *args: returned.append(args))
    pch.basic_publish("logs", "kern.critical", b"disk full")
    end = time.time() + 10
    while not got and time.time() < end:
        worker.process_data_events(time_limit=0.05)
    pch.basic_publish("logs", "user.login", b"nobody listens", mandatory=True)
    pch.basic_publish("logs", "user.logout", b"nobody listens either")
    while not returned and time.time() < end:
        producer.process_data_events(time_limit=0.05)
    print("done %d %d" % (len(got), len(returned)), flush=True)
    wait_for_stdin(setup, worker, producer)


def hold():
    c = connect("idle client")
    print("ready", flush=True)
    try:
        while True:
            c.process_data_events(time_limit=0.1)
    except pika.exceptions.ConnectionClosedByBroker as e:
        print("closed %d %s" % (e.reply_code, e.reply_text), flush=True)


if SCENE == "round-robin":
    round_robin(int(sys.argv[3]))
elif SCENE == "consume":
    consume(sys.argv[3])
elif SCENE == "events":
    events()
elif SCENE == "hold":
    hold()
else:
    sys.exit("unknown scene " + SCENE)
