"""A small shop's messaging, for the explorer's screenshots: a few exchanges, queues and
bindings, a publisher and two consumers with steady traffic for SECONDS seconds.

    /usr/bin/python3 shop_traffic.py PORT SECONDS
Prints "ready" once the topology exists and traffic flows.
"""
import sys
import threading
import time

import pika

PORT, SECONDS = int(sys.argv[1]), float(sys.argv[2])


def connect(name):
    """Each connection says who it is (connection_name), as the explorer's Name column shows."""
    return pika.BlockingConnection(
        pika.ConnectionParameters("127.0.0.1", PORT, client_properties={"connection_name": name}))


def topology(ch):
    ch.exchange_declare("orders", "topic", durable=True)
    ch.exchange_declare("events", "fanout", durable=True)
    ch.exchange_declare("dead-letters", "direct", durable=True)
    queues = {
        "orders.created": {"x-dead-letter-exchange": "dead-letters", "x-max-length": 100000},
        "orders.audit": {"x-queue-type": "quorum"},
        # Nobody reads these two: e-mails expire after 3 s, invoices past the 200th push out the oldest.
        "emails": {"x-message-ttl": 3000},
        "invoices": {"x-max-length": 200},
        "dead-letters": {},
    }
    for name, args in queues.items():
        ch.queue_declare(name, durable=True, arguments=args)
    ch.queue_bind("orders.created", "orders", "order.created.*")
    ch.queue_bind("orders.audit", "orders", "#")
    ch.queue_bind("invoices", "orders", "order.paid.*")
    ch.queue_bind("emails", "events")
    ch.queue_bind("dead-letters", "dead-letters", "orders.created")


def consume(queue, prefetch, delay):
    c = connect(queue + " worker")
    ch = c.channel()
    ch.basic_qos(prefetch_count=prefetch)

    def on_message(ch, method, properties, body):
        time.sleep(delay)
        ch.basic_ack(method.delivery_tag)

    ch.basic_consume(queue, on_message)
    end = time.time() + SECONDS
    while time.time() < end:
        c.process_data_events(time_limit=0.2)
    c.close()


def publish():
    c = connect("order publisher")
    ch = c.channel()
    ch.confirm_delivery()
    # A second channel, without confirms, for the mistakes: a mandatory message nothing
    # matches comes back (basic.return), one without mandatory is dropped.
    careless = c.channel()
    careless.add_on_return_callback(lambda *args: None)
    end, n = time.time() + SECONDS, 0
    while time.time() < end:
        kind = ("created", "paid", "shipped")[n % 3]
        ch.basic_publish("orders", "order.%s.eu" % kind, b'{"order": %d, "total": 42.5}' % n,
                         pika.BasicProperties(content_type="application/json", delivery_mode=2))
        if n % 10 == 0:
            ch.basic_publish("events", "", b"newsletter %d" % n)
        if n % 20 == 0:
            careless.basic_publish("amq.direct", "refunds", b"refund %d" % n, mandatory=True)
        if n % 25 == 0:
            careless.basic_publish("amq.direct", "coupons", b"coupon %d" % n)
        n += 1
        time.sleep(0.004)
    c.close()


with connect("shop setup") as setup:
    topology(setup.channel())
workers = [threading.Thread(target=consume, args=("orders.created", 10, 0.001)),
           threading.Thread(target=consume, args=("orders.audit", 50, 0.0)),
           threading.Thread(target=publish)]
for w in workers:
    w.start()
print("ready", flush=True)
for w in workers:
    w.join()
