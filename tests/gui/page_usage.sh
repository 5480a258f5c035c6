#!/bin/sh
# `warren --page NAME` with a name no page has: exit status 2 and a message that lists the
# pages the window does have; and --page with --headless. Usage: page_usage.sh <warren>
set -u
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
out=$("$1" --page no-such-page --port 0 --data-dir "$data" 2>&1)
code=$?
echo "$out"
[ "$code" -eq 2 ] || { echo "expected exit status 2, got $code"; exit 1; }
echo "$out" | grep -q "unknown page: no-such-page (one of: overview, events, .*queues" \
    || { echo "expected the list of pages"; exit 1; }
# --page is for the window: with --headless it is a usage error too.
out=$("$1" --headless --page flow --port 0 --data-dir "$data" 2>&1)
code=$?
echo "$out"
[ "$code" -eq 2 ] || { echo "--headless --page: expected exit status 2, got $code"; exit 1; }
echo "$out" | grep -q -- "--page needs the window" || { echo "expected the reason"; exit 1; }
