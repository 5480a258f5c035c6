#!/usr/bin/env bash
# Starts Debian's rabbitmq-server as a private, throw-away reference broker.
#   rabbitmq-reference.sh start PORT DIR [SETTING...]
#                                          -> starts it, waits until PORT accepts, prints its PID;
#                                             each SETTING ("consumer_timeout = 5000") is a line
#                                             of its rabbitmq.conf
#   rabbitmq-reference.sh stop DIR         -> stops it and the epmd it started
# Every path and the node name are under DIR, so it never touches a system instance.
set -euo pipefail

cmd=${1:?start|stop}
if [[ $cmd == start ]]; then
  port=${2:?port}; dir=$(realpath -m "${3:?dir}")
  [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || { echo "rabbitmq-server is not installed" >&2; exit 3; }
  mkdir -p "$dir"/{mnesia,log,home}
  echo '[].' > "$dir/enabled_plugins"
  : > "$dir/rabbitmq.conf"
  if (($# > 3)); then printf '%s\n' "${@:4}" > "$dir/rabbitmq.conf"; fi
  (
    export HOME="$dir/home"
    export RABBITMQ_NODENAME="warrenref$port@localhost"
    export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    export RABBITMQ_NODE_PORT="$port"
    export RABBITMQ_DIST_PORT=$((port + 20000))
    export RABBITMQ_MNESIA_BASE="$dir/mnesia"
    export RABBITMQ_LOG_BASE="$dir/log"
    export RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
    export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
    export ERL_EPMD_PORT=$((port + 10000))
    echo "$ERL_EPMD_PORT" > "$dir/epmd.port"
    setsid /usr/lib/rabbitmq/bin/rabbitmq-server > "$dir/server.out" 2>&1 &
    echo $! > "$dir/launcher.pid"
  )
  for _ in $(seq 1 600); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then cat "$dir/launcher.pid"; exit 0; fi
    if ! kill -0 "$(cat "$dir/launcher.pid")" 2>/dev/null; then
      echo "rabbitmq-server exited early; see $dir/server.out" >&2; tail -20 "$dir/server.out" >&2; exit 3
    fi
    sleep 0.1
  done
  echo "rabbitmq-server did not open port $port within 60 s" >&2; exit 3
elif [[ $cmd == stop ]]; then
  dir=$(realpath -m "${2:?dir}")
  if [[ -f "$dir/launcher.pid" ]]; then
    pid=$(cat "$dir/launcher.pid")
    kill -TERM -- -"$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- -"$pid" 2>/dev/null || true
  fi
  if [[ -f "$dir/epmd.port" ]]; then
    pkill -f "epmd.*-port $(cat "$dir/epmd.port")" 2>/dev/null || true
    ERL_EPMD_PORT=$(cat "$dir/epmd.port") epmd -kill >/dev/null 2>&1 || true
  fi
  rm -f "$dir/launcher.pid"
fi
