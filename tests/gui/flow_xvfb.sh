#!/bin/sh
# From outside, as a person would: `warren --page flow` in a real X server (Xvfb), a pika
# script run as its own process, Ctrl+E typed with xdotool. The SVG written into the current
# directory must name the script's exchanges, queues and connections.
# Usage: flow_xvfb.sh <warren> <scenes dir>
set -u
warren=$(realpath "$1")
scenes=$(realpath "$2")
for tool in xvfb-run xdotool xauth; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (installer/install-deps.sh --test)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/data" "$work/cwd"
chmod 700 "$work/home"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_RUNTIME_DIR="$work/home"
unset QT_QPA_PLATFORM

# Everything that needs the display runs inside xvfb-run.
cat > "$work/inside.sh" <<INSIDE
set -u
cd "$work/cwd"
"$warren" --page flow --port $port --bind 127.0.0.1 --data-dir "$work/data" > "$work/warren.log" 2>&1 &
warren_pid=\$!
for i in \$(seq 100); do
    /usr/bin/python3 -c 'import socket; socket.create_connection(("127.0.0.1", $port), 0.2)' 2>/dev/null && break
    sleep 0.2
done
mkfifo "$work/stdin"
/usr/bin/python3 "$scenes/flow_traffic.py" $port < "$work/stdin" > "$work/clients.out" 2>&1 &
clients_pid=\$!
exec 3> "$work/stdin"
for i in \$(seq 150); do grep -q '^done' "$work/clients.out" && break; sleep 0.2; done
grep -q '^done' "$work/clients.out" || { echo "the pika script did not finish"; cat "$work/clients.out"; exit 1; }
sleep 1   # a snapshot or two: the graph shows the script's clients
window=\$(xdotool search --sync --onlyvisible --name '^Warren' | head -n 1)
[ -n "\$window" ] || { echo "no Warren window"; exit 1; }
xdotool windowfocus --sync "\$window" 2>/dev/null || true
xdotool key --clearmodifiers ctrl+e
# The PNG is written after the SVG, each whole or not at all (QSaveFile): wait for it.
for i in \$(seq 100); do ls flow-*.png >/dev/null 2>&1 && break; sleep 0.2; done
exec 3>&-
wait \$clients_pid
kill \$warren_pid
wait \$warren_pid || true   # the window ends on SIGTERM
INSIDE
xvfb-run -a -s "-screen 0 1280x800x24" sh "$work/inside.sh" || { cat "$work/warren.log"; exit 1; }

svg=$(ls "$work"/cwd/flow-*.svg 2>/dev/null | head -n 1)
[ -n "$svg" ] || { echo "Ctrl+E wrote no flow-*.svg into the current directory"; cat "$work/warren.log"; exit 1; }
ls "$work"/cwd/flow-*.png >/dev/null || { echo "no PNG next to the SVG"; exit 1; }
status=0
for name in logs unrouted dlx orders q-kern q-logins q-lost q-dead q-orders "producer P1" "worker 1" "worker 2"; do
    grep -q ">$name<" "$svg" || { echo "the SVG does not name '$name'"; status=1; }
done
grep -q ">15<" "$svg" || { echo "the SVG lacks the count 15 (published to logs)"; status=1; }
[ $status -eq 0 ] && echo "flow-xvfb: $(basename "$svg") names the script's exchanges, queues and connections"
exit $status
