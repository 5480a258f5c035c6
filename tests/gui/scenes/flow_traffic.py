"""A small shop of named pika clients for the routing graph's tests:

    /usr/bin/python3 flow_traffic.py PORT

'flow setup' declares:
    logs (topic, alternate exchange 'unrouted')  --kern.*-->  q-kern (dead letters to 'dlx', key 'dead')
                                                 --#.login--> q-logins
    unrouted (fanout)                            ---------->  q-lost
    dlx (direct)                                 --dead---->  q-dead
    orders (direct)                              --eu------>  q-orders
'producer P1' publishes to logs: 6 'kern.critical', 4 'kern.info', 3 'user.login',
2 'app.debug' (nothing matches: the alternate exchange takes them); to orders: 5 'eu' and
1 mandatory 'us' (returned). 'worker 1' consumes q-kern with prefetch 3 and acknowledges
everything but 'kern.info' number 0, which it rejects without requeue (dead-lettered);
'worker 2' consumes q-logins with automatic acks; nobody consumes q-orders, q-lost, q-dead.

Prints "done DELIVERED RETURNED" once every message has arrived, then keeps the connections
open until standard input closes; each line "again" on standard input publishes the same
set once more and prints "done ..." again.
"""
import select
import sys
import time

import pika

PORT = int(sys.argv[1])


def connect(name):
    return pika.BlockingConnection(
        pika.ConnectionParameters("127.0.0.1", PORT, client_properties={"connection_name": name}))


setup = connect("flow setup")
ch = setup.channel()
ch.exchange_declare("unrouted", "fanout")
ch.exchange_declare("logs", "topic", arguments={"alternate-exchange": "unrouted"})
ch.exchange_declare("dlx", "direct")
ch.exchange_declare("orders", "direct")
ch.queue_declare("q-kern", arguments={"x-dead-letter-exchange": "dlx", "x-dead-letter-routing-key": "dead"})
ch.queue_declare("q-logins")
ch.queue_declare("q-lost")
ch.queue_declare("q-dead")
ch.queue_declare("q-orders")
ch.queue_bind("q-kern", "logs", "kern.*")
ch.queue_bind("q-logins", "logs", "#.login")
ch.queue_bind("q-lost", "unrouted")
ch.queue_bind("q-dead", "dlx", "dead")
ch.queue_bind("q-orders", "orders", "eu")

delivered = {"worker 1": 0, "worker 2": 0}
worker1 = connect("worker 1")
w1 = worker1.channel()
w1.basic_qos(prefetch_count=3)


def on_kern(channel, method, properties, body):
    delivered["worker 1"] += 1
    if body == b"kern.info 0":
        channel.basic_reject(method.delivery_tag, requeue=False)
    else:
        channel.basic_ack(method.delivery_tag)


w1.basic_consume("q-kern", on_kern)
worker2 = connect("worker 2")


def on_login(channel, method, properties, body):
    delivered["worker 2"] += 1


worker2.channel().basic_consume("q-logins", on_login, auto_ack=True)

producer = connect("producer P1")
pch = producer.channel()
returned = []
pch.add_on_return_callback(lambda *args: returned.append(args))
clients = (setup, worker1, worker2, producer)


def publish_all():
    for key, count in (("kern.critical", 6), ("kern.info", 4), ("user.login", 3), ("app.debug", 2)):
        for i in range(count):
            pch.basic_publish("logs", key, b"%s %d" % (key.encode(), i))
    for i in range(5):
        pch.basic_publish("orders", "eu", b"order %d" % i)
    pch.basic_publish("orders", "us", b"nobody ships there", mandatory=True)


def wait_for(expected_kern, expected_logins, expected_returns):
    end = time.time() + 15
    while time.time() < end and (delivered["worker 1"] < expected_kern or delivered["worker 2"] < expected_logins
                                 or len(returned) < expected_returns):
        for c in clients:
            c.process_data_events(time_limit=0.02)
    print("done %d %d" % (delivered["worker 1"] + delivered["worker 2"], len(returned)), flush=True)


rounds = 1
publish_all()
wait_for(10, 3, 1)
while True:
    readable, _, _ = select.select([sys.stdin], [], [], 0.05)
    if readable:
        line = sys.stdin.readline()
        if not line:
            break
        if line.strip() == "again":
            rounds += 1
            publish_all()
            wait_for(10 * rounds, 3 * rounds, rounds)
    for c in clients:
        c.process_data_events(time_limit=0)
for c in clients:
    c.close()
