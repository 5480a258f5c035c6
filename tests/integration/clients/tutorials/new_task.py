#!/usr/bin/python3
"""RabbitMQ's tutorial 2 producer: one persistent task on the durable `task_queue`.

  new_task.py [MESSAGE...]                        (broker: localhost, port $AMQP_PORT or 5672)
"""
import os
import sys

import pika

connection = pika.BlockingConnection(
    pika.ConnectionParameters(host="localhost", port=int(os.environ.get("AMQP_PORT", "5672"))))
channel = connection.channel()
channel.queue_declare(queue="task_queue", durable=True)
message = " ".join(sys.argv[1:]) or "Hello World!"
channel.basic_publish(exchange="", routing_key="task_queue", body=message,
                      properties=pika.BasicProperties(delivery_mode=2))
print(" [x] Sent %r" % message)
connection.close()
