"""The Celery application of test_celery.py (Debian's celery 5.2 on kombu/py-amqp).

The worker runs it as a subprocess with the names of its run in the environment:
  /usr/bin/python3 -m celery -A celery_app worker --pool=solo ...   (cwd: this directory)
  AMQP_URL                the broker under test (broker_url)
  WARREN_CELERY_QUEUE     the task queue (and its direct exchange), unique per test
  WARREN_CELERY_CONTROL   the control exchange: '<name>.pidbox' (fanout) for broadcasts
                          such as ping, 'reply.<name>.pidbox' (direct) for the replies
The test builds the same app in its own process with make_app(...) to send tasks and
control commands. Results come back through the rpc:// backend (a queue per client).
"""

import os

from celery import Celery

ADD = "warren_it.add"


def make_app(broker_url, queue, control_exchange):
    app = Celery("warren_it", broker=broker_url, backend="rpc://", set_as_current=False)
    app.conf.update(
        task_default_queue=queue,
        task_default_exchange=queue,
        task_default_routing_key=queue,
        control_exchange=control_exchange,
        broker_connection_retry=False,          # fail fast: the broker is already up
        broker_connection_max_retries=0,
        # (not worker_prefetch_multiplier=1: with --pool=solo, Celery 5.2's worker then takes
        # each next task only ~10 s later, against RabbitMQ as well)
        worker_send_task_events=False,
        task_send_sent_event=False,
        result_persistent=False,
    )

    @app.task(name=ADD)
    def add(x, y):
        return x + y

    return app


if "WARREN_CELERY_QUEUE" in os.environ:
    app = make_app(os.environ["AMQP_URL"], os.environ["WARREN_CELERY_QUEUE"],
                   os.environ["WARREN_CELERY_CONTROL"])
