#!/bin/sh
# The window's language, told by `warren --page no-such-page` (the window says the page is
# unknown, in its language, and exits 2): the system's when nothing was chosen; the one chosen
# in Settings → Language (kept in Warren.conf) over the system's; --lang over both for one
# run, without replacing the stored choice. The terminal's commands (--lessons) do not read
# the stored choice. Usage: language_choice.sh <warren>
set -u
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export XDG_CONFIG_HOME="$home/config" LANGUAGE=
conf="$XDG_CONFIG_HOME/Warren/Warren.conf"

# Prints the window's complaint about an unknown page; the arguments come first.
complaint() { "$warren" "$@" --page no-such-page --port 0 --data-dir "$home/data" 2>&1 | grep "^warren: "; }
expect() {   # expect WHAT PATTERN TEXT
    echo "$3"
    echo "$3" | grep -q "$2" || { echo "expected $1"; exit 1; }
}
warren=$1
english="unknown page: no-such-page"
chinese="未知页面：no-such-page"

expect "English: the system's language (C)" "$english" "$(LC_ALL=C complaint)"
expect "Chinese: the system's language (zh_CN)" "$chinese" "$(LC_ALL=zh_CN.UTF-8 complaint)"

mkdir -p "$(dirname "$conf")"
printf '[ui]\nlanguage=zh_CN\n' > "$conf"
expect "Chinese: the stored choice" "$chinese" "$(LC_ALL=C complaint)"
expect "English: --lang en for this run" "$english" "$(LC_ALL=C complaint --lang en)"
grep -q "^language=zh_CN" "$conf" || { echo "--lang replaced the stored choice"; exit 1; }

printf '[ui]\nlanguage=en\n' > "$conf"
expect "English: the stored choice over the system's" "$english" "$(LC_ALL=zh_CN.UTF-8 complaint)"

# --lessons speaks --lang or the system's language, whatever the window's choice.
printf '[ui]\nlanguage=zh_CN\n' > "$conf"
stored=$(LC_ALL=C "$warren" --lessons)
[ "$stored" = "$(LC_ALL=C "$warren" --lessons --lang en)" ] || { echo "--lessons read the window's choice"; exit 1; }
[ "$stored" != "$(LC_ALL=C "$warren" --lessons --lang zh_CN)" ] || { echo "--lessons --lang zh_CN is not Chinese"; exit 1; }
