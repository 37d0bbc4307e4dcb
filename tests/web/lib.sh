# Shared by the web tests: a copy of the sample input, accounts, a server on a free port,
# and curl sessions (one cookie jar per user). Source after setting $work.
cd "$TWS_ROOT"
cp -r input "$work/in"
opts=(--config "$work/in/tws.ini" --input "$work/in" --output "$work/out" --registry "$work/out/registry.sqlite3")
for u in hr1:hr leader1:leader admin1:admin; do
  echo "pass-${u%%:*}-word" | "$TWS_BIN" user add "${u%%:*}" --role "${u##*:}" "${opts[@]}" >/dev/null ||
    { echo "FAIL: user add ${u%%:*}"; exit 1; }
done

# start_server [SERVE OPTIONS…]: $server (its pid), $base (its URL, http or https).
start_server() {
  "$TWS_BIN" serve --listen 127.0.0.1:0 "${opts[@]}" "$@" >"$work/serve.log" 2>&1 &
  server=$!
  base=
  for _ in $(seq 100); do
    base=$(grep -o 'https\?://127.0.0.1:[0-9]*' "$work/serve.log" | head -1)
    [ -n "$base" ] && break
    sleep 0.1
  done
  [ -n "$base" ] || { echo "FAIL: server did not start: $(cat "$work/serve.log")"; exit 1; }
}
stop_server() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; }

# c USER ARGS…: curl as USER (its own cookie jar), printing the body (-k: the TLS test's own certificate).
c() { local u=$1; shift; curl -sk -b "$work/$u.jar" -c "$work/$u.jar" "$@"; }
# The CSRF token on a page of USER's session.
csrf() { c "$1" "$base${2:-/}" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//'; }
login() {  # USER [PASSWORD [JAR]]: prints the HTTP status of the login POST (from JAR's client, default USER's)
  local jar=${3:-$1} t
  t=$(csrf "$jar" /login)
  c "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$t" --data-urlencode "name=$1" \
    --data-urlencode "password=${2:-pass-$1-word}" "$base/login"
}

# Assertions: each prints FAIL and sets $fail (the caller's) when it does not hold.
check() { [ "$1" = "$2" ] || { echo "FAIL: $3: expected $2, got $1"; fail=1; }; }
has() { grep -q -- "$2" <<<"$1" || { echo "FAIL: $3 (no “$2”)"; fail=1; }; }
hasnt() { ! grep -q -- "$2" <<<"$1" || { echo "FAIL: $3 (found “$2”)"; fail=1; }; }
