#!/usr/bin/env bash
# Issue 17 accounts from the command line (tws user …): the password read from a pipe,
# never shown; duplicate names and bad roles refused; the registry created 0600 by the
# first `tws user add`; and a registry holding only accounts is one where nothing ran:
# the years still run into it (accounts kept), export refuses it, and a lost registry
# replaced by one with only accounts is refused beside earlier years' manifests.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
reg="$work/out/registry.sqlite3"
tws() { "$TWS_BIN" "$@" --registry "$reg"; }
hash_of() { /usr/bin/python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select password_hash from users where name=?", (sys.argv[2],)).fetchone()[0])' "$reg" "$1"; }

# Refused input creates nothing.
out=$(echo 'short' | tws user add wang --role hr 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "密码至少 8 个字符" || { echo "FAIL: short password on add exit $rc: $out"; fail=1; }
out=$(echo 'long-enough' | tws user add 'a b' --role hr 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "不能含空格或控制字符" || { echo "FAIL: name with a space exit $rc: $out"; fail=1; }
out=$(tws user list 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "不存在" || { echo "FAIL: list without a registry exit $rc: $out"; fail=1; }
[ ! -e "$work/out" ] || { echo "FAIL: refused input created $(ls -R "$work/out")"; fail=1; }

# The first thing ever run: creates the registry (and its folder), mode 0600.
out=$(echo 'first-password' | tws user add wang --role hr 2>&1) || { echo "FAIL: user add exit $?: $out"; fail=1; }
[ "$(stat -c %a "$reg" 2>/dev/null)" = 600 ] || { echo "FAIL: registry mode $(stat -c %a "$reg" 2>&1), want 600"; fail=1; }
echo 'leader-password' | tws user add 李主任 --role leader -q || { echo "FAIL: add 李主任"; fail=1; }
h1=$(hash_of wang)
case "$h1" in '$argon2id$'*) ;; *) echo "FAIL: stored hash is not argon2id: $h1"; fail=1 ;; esac

list=$(tws user list 2>&1) || { echo "FAIL: user list exit $?"; fail=1; }
echo "$list" | head -1 | grep -q "用户名.*角色.*状态.*创建时间.*最近登录" || { echo "FAIL: list header: $list"; fail=1; }
echo "$list" | grep -q "^wang .*hr .*启用" || { echo "FAIL: list lacks wang/hr/启用: $list"; fail=1; }
echo "$list" | grep -q "^李主任 .*leader" || { echo "FAIL: list lacks 李主任: $list"; fail=1; }
if echo "$list" | grep -q 'argon2\|first-password'; then echo "FAIL: list shows a hash or password"; fail=1; fi

# passwd replaces the hash; a short password changes nothing.
echo 'second-password' | tws user passwd wang -q || { echo "FAIL: passwd"; fail=1; }
h2=$(hash_of wang)
[ -n "$h2" ] && [ "$h2" != "$h1" ] || { echo "FAIL: passwd did not change the hash"; fail=1; }
out=$(echo 'short' | tws user passwd wang 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "密码至少 8 个字符" || { echo "FAIL: short password exit $rc: $out"; fail=1; }
[ "$(hash_of wang)" = "$h2" ] || { echo "FAIL: refused password changed the hash"; fail=1; }
out=$(echo 'second-password' | tws user passwd nobody 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "用户名 “nobody” 不存在" || { echo "FAIL: passwd unknown exit $rc: $out"; fail=1; }

# disable / enable.
tws user disable wang -q || { echo "FAIL: disable"; fail=1; }
tws user list | grep -q "^wang .*停用" || { echo "FAIL: list after disable lacks 停用"; fail=1; }
tws user enable wang -q && tws user list | grep -q "^wang .*启用" || { echo "FAIL: enable"; fail=1; }

# Refusals: a taken name (exit 1), a bad role or no role (usage, 2), no name (2); the
# password is never an argument.
out=$(echo 'another-password' | tws user add wang --role admin 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "用户名 “wang” 已存在" || { echo "FAIL: duplicate add exit $rc: $out"; fail=1; }
out=$(echo 'another-password' | tws user add zhao --role boss 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "角色应为 hr、leader 或 admin，收到 “boss”" || { echo "FAIL: bad role exit $rc: $out"; fail=1; }
out=$(echo 'another-password' | tws user add zhao 2>&1); rc=$?
[ $rc = 2 ] || { echo "FAIL: add without --role exit $rc: $out"; fail=1; }
out=$(tws user add zhao --role hr --password x 2>&1 </dev/null); rc=$?
[ $rc = 2 ] || { echo "FAIL: --password accepted (exit $rc)"; fail=1; }
out=$(tws user add zhao --role hr 2>&1 </dev/null); rc=$?
[ $rc = 1 ] || { echo "FAIL: add with empty stdin exit $rc: $out"; fail=1; }
out=$(tws user frobnicate 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "add" || { echo "FAIL: unknown user subcommand exit $rc: $out"; fail=1; }
[ "$(tws user list | wc -l)" = 3 ] || { echo "FAIL: refused adds left accounts: $(tws user list)"; fail=1; }
"$TWS_BIN" user add --help | grep -q "标准输入" || { echo "FAIL: user add --help does not mention stdin"; fail=1; }

# At a terminal: asked twice without echo; two different answers change nothing.
/usr/bin/python3 - "$TWS_BIN" "$reg" <<'PY' || fail=1
import os, pty, select, signal, sys, time
def run(args, answers):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(args[0], args)
    out = b""
    end = time.time() + 60  # a prompt never answered fails the test instead of hanging it
    def read_until(token):
        nonlocal out
        while (token is None or token not in out) and time.time() < end:
            if not select.select([fd], [], [], 1)[0]: continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return
            if not chunk: return
            out += chunk
    for prompt, answer in answers:
        read_until(prompt.encode())
        os.write(fd, (answer + "\n").encode())
    read_until(None)
    if time.time() >= end: os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace")
tws, reg = sys.argv[1], sys.argv[2]
rc, out = run([tws, "user", "add", "tty1", "--role", "hr", "--registry", reg], [("新密码", "typed-secret-1"), ("再输入一次", "typed-secret-1")])
ok = rc == 0 and "已添加账户 tty1" in out and "typed-secret" not in out
rc2, out2 = run([tws, "user", "add", "tty2", "--role", "hr", "--registry", reg], [("新密码", "typed-secret-1"), ("再输入一次", "typed-secret-2")])
ok = ok and rc2 == 1 and "两次输入的密码不一致" in out2 and "typed-secret" not in out2
if not ok: print("FAIL: terminal prompts:", rc, repr(out), rc2, repr(out2))
sys.exit(0 if ok else 1)
PY
tws user list | grep -q "^tty1 " || { echo "FAIL: tty1 not added"; fail=1; }
if tws user list | grep -q "^tty2 "; then echo "FAIL: tty2 added although the passwords differed"; fail=1; fi
tws user disable tty1 -q

# Nothing has run: export refuses; check and the year's run work on it, accounts kept.
out=$(tws registry export "$work/x.xlsx" 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "尚未运行任何环节" || { echo "FAIL: export of accounts-only registry exit $rc: $out"; fail=1; }
[ ! -e "$work/x.xlsx" ] || { echo "FAIL: export wrote a file"; fail=1; }
tws check --year 2024 --date 2024-05-16 --input input --output "$work/out" -q >/dev/null ||
  { echo "FAIL: check 2024 on an accounts-only registry"; fail=1; }
year() { # selection before the year's configured publicity start, the rest at year end
  tws select --year "$1" --date "$1-05-16" --input input --output "$work/out" -q &&
    tws run --year "$1" --date "$1-12-31" --input input --output "$work/out" -q
}
year 2024 || { echo "FAIL: run 2024"; fail=1; }
[ -e "$work/out/2024/manifest.json" ] || { echo "FAIL: 2024 has no manifest"; fail=1; }
[ "$(hash_of wang)" = "$h2" ] && tws user list | grep -q "^李主任 " || { echo "FAIL: accounts lost by the run"; fail=1; }
year 2025 || { echo "FAIL: run 2025"; fail=1; }
tws registry export "$work/x.xlsx" -q || { echo "FAIL: export after runs"; fail=1; }

# The registry lost and replaced by one holding only accounts: run refuses (3), as for
# a missing one, and changes nothing.
mv "$reg" "$work/saved.sqlite3"
echo 'first-password' | tws user add wang --role hr -q || { echo "FAIL: add into a new registry"; fail=1; }
out=$(tws select --year 2026 --date 2026-05-16 --input input --output "$work/out" 2>&1); rc=$?
[ $rc = 3 ] && echo "$out" | grep -q "中没有任何已运行的环节.*2024、2025 年度已经运行过" ||
  { echo "FAIL: run on accounts-only registry beside manifests exit $rc: $out"; fail=1; }
[ ! -e "$work/out/2026" ] || { echo "FAIL: refused run wrote 2026"; fail=1; }
[ "$(/usr/bin/python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from phases").fetchone()[0])' "$reg")" = 0 ] ||
  { echo "FAIL: refused run recorded a phase"; fail=1; }

[ $fail = 0 ] && echo "user_accounts: ok"
exit $fail
