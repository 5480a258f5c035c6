#!/usr/bin/env bash
# The Debian package as README's Install section makes it, checked as Debian and a user would:
#   1. a Release build of its own, with only what the package holds (the test build has the
#      sanitizers and is never packaged), then `cpack -G DEB`;
#   2. lintian: no error and no warning (one to accept would need an override with its reason);
#   3. the package extracted with dpkg-deb -x: the binary stripped, `warren --version`, the
#      manual page and the systemd user service there, and a headless broker on a free port
#      that pika publishes to and gets from;
#   4. the desktop entry and the AppStream data validated.
# Each step says what failed. The build directory is kept between runs (the next one is quicker).
#   package_test.sh SOURCE_DIR WORK_DIR
set -euo pipefail

source_dir=$1
work=$2
build=$work/build
root=$work/root
mkdir -p "$work"

step() { echo "== $(date +%T) $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# Runs a command quietly into a log, which is shown when it fails.
logged() {
    local log=$1; shift
    "$@" >"$log" 2>&1 || { tail -n 40 "$log"; return 1; }
}

python=/usr/bin/python3   # Debian's, with Debian's pika
for tool in cmake ninja cpack lintian dpkg-deb file $python desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null || fail "$tool is missing: installer/install-deps.sh --test installs it"
done

step "configuring a Release build in $build"
logged "$work/configure.log" cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_TESTING=OFF || fail "cmake could not configure the Release build"
step "building (log: $work/build.log)"
logged "$work/build.log" nice -n 10 cmake --build "$build" --parallel "$(nproc)" || fail "the Release build failed"

step "cpack -G DEB"
rm -f "$build"/warren_*.deb
logged "$work/cpack.log" cpack -G DEB -B "$build" --config "$build/CPackConfig.cmake" || fail "cpack could not make the package"
debs=("$build"/warren_*.deb)
[[ -f ${debs[0]} ]] || fail "cpack made no warren_*.deb in $build"
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
echo "$(basename "$deb"): $(du -k "$deb" | cut -f1) KiB, installed $(dpkg-deb -f "$deb" Installed-Size) KiB"
dpkg-deb -f "$deb" Depends Recommends

step "lintian"
lintian --fail-on error,warning --display-info --show-overrides "$deb" \
    || fail "lintian reports an error or an unjustified warning (above)"

step "extracting into $root"
rm -rf "$root"
dpkg-deb -x "$deb" "$root" || fail "dpkg-deb could not extract the package"
warren=$root/usr/bin/warren
file "$warren" | grep -q ', stripped' || fail "the binary is not stripped: $(file "$warren")"
[[ -s $root/usr/share/man/man1/warren.1.gz ]] || fail "the package has no manual page warren(1)"
unit=$root/usr/lib/systemd/user/warren.service
grep -qx 'ExecStart=/usr/bin/warren --headless .*' "$unit" 2>/dev/null \
    || fail "the package has no systemd user service running the packaged warren --headless"
[[ $("$warren" --version) == "Warren $version" ]] || fail "warren --version says '$("$warren" --version)', not 'Warren $version'"

step "warren --headless, a pika client"
port=$($python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
rm -rf "$work/data"
"$warren" --headless --port "$port" --data-dir "$work/data" >"$work/headless.log" 2>&1 &
broker=$!
trap 'kill "$broker" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    grep -q ' ready: ' "$work/headless.log" && break
    kill -0 "$broker" 2>/dev/null || { cat "$work/headless.log"; fail "warren --headless exited at start"; }
    sleep 0.1
done
grep -q ' ready: ' "$work/headless.log" || fail "warren --headless was not ready within 10 s"
$python - "$port" <<'EOF' || fail "the pika client could not publish to and get from the packaged broker"
import pika, sys
connection = pika.BlockingConnection(pika.ConnectionParameters("127.0.0.1", int(sys.argv[1])))
channel = connection.channel()
channel.queue_declare("package-test")
channel.basic_publish("", "package-test", b"from the package")
method, properties, body = channel.basic_get("package-test", auto_ack=True)
assert body == b"from the package", body
connection.close()
EOF
kill -TERM "$broker"
wait "$broker" || fail "warren --headless did not stop cleanly on SIGTERM: $(cat "$work/headless.log")"
trap - EXIT

step "desktop-file-validate, appstreamcli validate"
desktop-file-validate "$root/usr/share/applications/io.warren.Warren.desktop" || fail "the desktop entry is not valid"
appstreamcli validate --no-net "$root/usr/share/metainfo/io.warren.Warren.metainfo.xml" \
    || fail "the AppStream data is not valid"

step "passed in ${SECONDS} s"
