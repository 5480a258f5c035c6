#!/bin/sh
# Runs flow_fps in a private Xvfb screen of 1280×800, as the Flow page's frame-rate
# benchmark asks: flow_fps.sh <flow_fps> [its options]. Skipped (77) without xvfb-run.
set -u
command -v xvfb-run >/dev/null || { echo "SKIP: xvfb-run is not installed (installer/install-deps.sh --test)"; exit 77; }
binary=$1
shift
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
chmod 700 "$home"
# A private home: the window's remembered page, layout and node positions stay out of it.
unset QT_QPA_PLATFORM
HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home" \
    xvfb-run -a -s "-screen 0 1280x800x24" "$binary" "$@"
