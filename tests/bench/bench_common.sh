# shellcheck shell=bash
# Shell helpers shared by compare.sh and persistence.sh (sourced, not run).

# free_port LOW HIGH [OFFSET...]: a random port in LOW..HIGH that nothing
# listens on, nor on PORT+OFFSET (RabbitMQ's reference script also takes
# PORT+10000 for epmd and PORT+20000 for Erlang distribution). Random because
# other people may run brokers here; all ranges stay below Linux's ephemeral
# ports (32768+), which outgoing connections could grab after the check.
free_port() {
  python3 - "$@" <<'PY'
import random, socket, sys
low, high = int(sys.argv[1]), int(sys.argv[2])
offsets = [0] + [int(a) for a in sys.argv[3:]]
def free(p):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("0.0.0.0", p)); return True
        except OSError:
            return False
for _ in range(200):
    port = random.randint(low, high)
    if all(free(port + o) for o in offsets):
        print(port); sys.exit(0)
sys.exit("no free port found")
PY
}
