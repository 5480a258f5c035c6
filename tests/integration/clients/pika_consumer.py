"""A pika consumer run as a separate process by the tests (support.ConsumerProcess).

It consumes from --queue (manual acks unless --auto-ack; it never acks itself) and prints
one JSON line per event so the test can follow it:
  {"event": "consuming", "consumer_tag": ...}          after basic.consume-ok
  {"event": "delivery", "body": ..., "redelivered": ..., "delivery_tag": ...}
The tests kill it with SIGKILL to play a crashed client.
"""

import argparse
import json
import sys

import pika


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=5672)
    ap.add_argument("--queue", required=True)
    ap.add_argument("--auto-ack", action="store_true")
    ap.add_argument("--prefetch", type=int, default=0)
    ap.add_argument("--heartbeat", type=int, default=None, help="seconds; default: the broker's")
    args = ap.parse_args()

    conn = pika.BlockingConnection(pika.ConnectionParameters(host=args.host, port=args.port,
                                                             heartbeat=args.heartbeat))
    ch = conn.channel()
    if args.prefetch:
        ch.basic_qos(prefetch_count=args.prefetch)

    def emit(**event):
        sys.stdout.write(json.dumps(event) + "\n")
        sys.stdout.flush()

    def on_message(channel, method, properties, body):
        emit(event="delivery", body=body.decode("utf-8", "replace"),
             redelivered=method.redelivered, delivery_tag=method.delivery_tag)

    tag = ch.basic_consume(args.queue, on_message, auto_ack=args.auto_ack)
    emit(event="consuming", consumer_tag=tag)
    ch.start_consuming()


if __name__ == "__main__":
    main()
