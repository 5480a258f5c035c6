#!/usr/bin/python3
"""RabbitMQ's tutorial 2 worker: takes tasks from the durable `task_queue` one at a time
(prefetch 1), "works" one second per dot in the body, then acknowledges.

  worker.py                                       (broker: localhost, port $AMQP_PORT or 5672)
"""
import os
import time

import pika

connection = pika.BlockingConnection(
    pika.ConnectionParameters(host="localhost", port=int(os.environ.get("AMQP_PORT", "5672"))))
channel = connection.channel()
channel.queue_declare(queue="task_queue", durable=True)
print(" [*] Waiting for messages. To exit press CTRL+C", flush=True)


def callback(ch, method, properties, body):
    print(" [x] Received %r (redelivered=%s)" % (body.decode(), method.redelivered), flush=True)
    time.sleep(body.count(b"."))
    print(" [x] Done", flush=True)
    ch.basic_ack(delivery_tag=method.delivery_tag)


channel.basic_qos(prefetch_count=1)
channel.basic_consume(queue="task_queue", on_message_callback=callback)
channel.start_consuming()
