#!/usr/bin/python3
"""What one virtual host's clients can reach of another's, against a broker with two virtual
hosts ("/" and "it.other", guest allowed in both; imported from a definitions file:
`warren --import`, `rabbitmqctl import_definitions`).

  direct_reply_to  an RPC client in "/" consumes amq.rabbitmq.reply-to and hands out its
                   reply address in a request; a reply published to that address from
                   "it.other" is dropped by Warren (RabbitMQ 3.10 delivers it: its addresses
                   name a channel process, whatever the virtual host; Warren's are per vhost,
                   as issue 12 asks) and the publisher's channel stays open (a plain publish
                   is acked, a mandatory one returned 312 NO_ROUTE, as for an address nobody
                   holds); the same reply from "/" is delivered, on both brokers. A passive
                   declare of the address from "it.other" is 404 on Warren (declare-ok on
                   RabbitMQ), declare-ok from "/".

  /usr/bin/python3 run_vhosts.py --broker build/app/warren [direct_reply_to]
  /usr/bin/python3 run_vhosts.py --target rabbitmq

Exit status: 0 passed, 1 failed, 77 skipped (rabbitmq-server not installed).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from run_permissions import broker_with_users, written_definitions  # noqa: E402
from scenario_run import expect, note, run_scenarios  # noqa: E402
from support import Collector, pump, publish_outcome, wait_until  # noqa: E402

import pika  # noqa: E402  (Debian's python3-pika)
import pika.exceptions  # noqa: E402

OTHER = "it.other"
RT = "amq.rabbitmq.reply-to"
ALL = {"configure": ".*", "write": ".*", "read": ".*"}


def connect(port, vhost):
    return pika.BlockingConnection(pika.ConnectionParameters(
        host="127.0.0.1", port=port, virtual_host=vhost, connection_attempts=1,
        credentials=pika.PlainCredentials("guest", "guest")))


def passive_declare(connection, name):
    """"ok" or the reply code of the channel.close."""
    try:
        connection.channel().queue_declare(name, passive=True)
        return "ok"
    except pika.exceptions.ChannelClosedByBroker as e:
        return e.reply_code


def scenario_direct_reply_to(args):
    path = written_definitions({
        "vhosts": [{"name": "/"}, {"name": OTHER}],
        "permissions": [dict(user="guest", vhost=vhost, **ALL) for vhost in ("/", OTHER)]})
    try:
        with broker_with_users(args, path) as b:
            client_conn, home, stranger = (connect(b.port, vhost) for vhost in ("/", "/", OTHER))
            try:
                check_reply_isolation(args.target, client_conn, home, stranger)
            finally:
                for c in (client_conn, home, stranger):
                    if c.is_open:
                        c.close()
    finally:
        os.unlink(path)


def check_reply_isolation(target, client_conn, home, stranger):
    client = client_conn.channel()
    got = Collector()
    client.basic_consume(RT, got, auto_ack=True)
    server = home.channel()
    server.confirm_delivery()
    requests = server.queue_declare("", exclusive=True).method.queue
    client.basic_publish("", requests, b"2+2?", pika.BasicProperties(reply_to=RT))
    address = next_message(server, requests)[1].reply_to
    expect(address.startswith(RT + "."), "reply_to was rewritten to %r" % address)
    note("reply address: %s" % address)

    foreign = stranger.channel()
    foreign.confirm_delivery()
    expect(publish_outcome(foreign, "", address, b"from another vhost") == "acked",
           "a reply from another vhost is acked")
    crossed = target == "rabbitmq"
    if crossed:
        pump([client_conn], lambda: got.deliveries, what="RabbitMQ's delivery of the foreign reply")
        note("RabbitMQ delivered the reply from %r (its addresses are not per vhost)" % OTHER)
    else:
        expect(publish_outcome(foreign, "", address, b"mandatory", mandatory=True) == "returned",
               "a mandatory reply from another vhost is returned")
    expect(foreign.is_open, "the foreign publisher's channel is still open")
    expect(passive_declare(stranger, address) == ("ok" if crossed else 404),
           "passive declare of the address from %r" % OTHER)
    expect(passive_declare(home, address) == "ok", "passive declare of the address from '/'")

    # Ordered after the foreign reply on the broker: had that one reached the client, it
    # would have arrived first.
    before = len(got.deliveries)
    expect(publish_outcome(server, "", address, b"4") == "acked", "the reply from '/' is acked")
    pump([client_conn], lambda: len(got.deliveries) > before, what="the reply from '/'")
    expect(got.bodies == ([b"from another vhost"] if crossed else []) + [b"4"],
           "the client got %r" % got.bodies)


def next_message(channel, queue):
    """(method, properties, body) of the first message basic.get finds in queue."""
    got = []

    def take():
        got.append(channel.basic_get(queue, auto_ack=True))
        return got[-1][0] is not None

    wait_until(take, what="a message in %s" % queue)
    return got[-1]


SCENARIOS = [
    ("direct_reply_to", scenario_direct_reply_to),
]


if __name__ == "__main__":
    sys.exit(run_scenarios(__doc__, SCENARIOS, "vhosts"))
