#!/usr/bin/env bash
# Runs every LoyaltyHub test on a fresh Debian machine: the one command CI calls.
#
#   scripts/test.sh [extra dotnet test args, e.g. --filter Category=Smoke]
#
# Steps: install missing OS packages -> start a throw-away PostgreSQL cluster
# -> build the solution once -> run UnitTests + IntegrationTests concurrently,
# then BrowserTests -> print every log and a final "N passed, N failed" line.
#
# Environment:
#   CI=true                     never prompt (sudo -n); nothing reads stdin.
#   LOYALTYHUB_TEST_ONLY_INFRA=1
#                               install packages, start PostgreSQL, run
#                               `select version()` against it, then stop (no
#                               build, no tests). Handy for debugging the setup.
#   LOYALTYHUB_CHROMIUM         browser binary to use (default /usr/bin/chromium).
# Exported to the tests:
#   LOYALTYHUB_TEST_POSTGRES    Npgsql connection string of a superuser on the
#                               throw-away server; tests create their own DBs.
#   LOYALTYHUB_CHROMIUM
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

export DEBIAN_FRONTEND=noninteractive
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

readonly APT_PACKAGES=(postgresql chromium fonts-dejavu-core)
readonly PG_FIRST_PORT=55432 PG_PORT_TRIES=50
readonly PG_START_TIMEOUT=30
# Unit and integration tests run concurrently; browser tests run alone afterwards.
readonly PARALLEL_PROJECTS=(LoyaltyHub.UnitTests LoyaltyHub.IntegrationTests)
readonly SERIAL_PROJECTS=(LoyaltyHub.BrowserTests)
readonly TEST_ARGS=("$@")

log() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Millisecond clock and "12.3s" formatting for the per-phase timings.
now_ms() { date +%s%3N; }
fmt_ms() { printf '%d.%ds' $(($1 / 1000)) $(($1 % 1000 / 100)); }
phase_start() { PHASE_T0=$(now_ms); }
phase_end() { log "[time] $1: $(fmt_ms $(($(now_ms) - PHASE_T0)))"; }

# Runs "$@" with all output going to log file $1; on failure prints the log
# tail and aborts. Keeps the happy path quiet.
run_quiet() {
  local logfile=$1 what=$2
  shift 2
  if ! "$@" >>"$logfile" 2>&1 </dev/null; then
    printf 'ERROR: %s failed; last lines of %s:\n' "$what" "$logfile" >&2
    tail -n 40 "$logfile" >&2
    exit 1
  fi
}

# ---------------------------------------------------------------------------
# Run directory and cleanup. Everything the run creates lives in RUN_DIR
# (PostgreSQL cluster, logs, .trx files); the EXIT trap stops the server and
# removes it, whatever happened.
# ---------------------------------------------------------------------------
RUN_DIR="$(mktemp -d -t loyaltyhub-test.XXXXXXXX)"
PG_DIR="$RUN_DIR/pg"
PG_DATA="$PG_DIR/data"
PG_BIN=""
PG_STARTED=0
BG_PIDS=()

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # Test runs still going (we are exiting early, e.g. Ctrl-C): stop them
  # before their database disappears. Each run_project subshell kills its
  # own `dotnet test` process group on SIGTERM.
  local pid
  for pid in "${BG_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${BG_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [[ $PG_STARTED == 1 ]]; then
    # Immediate mode: no checkpoint, the cluster is deleted right after anyway.
    pg_cmd "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m immediate -w -t 30 >/dev/null 2>&1 ||
      echo "WARNING: pg_ctl stop failed; server log: $PG_DIR/server.log" >&2
  fi
  rm -rf "$RUN_DIR"
  exit "$rc"
}
trap cleanup EXIT
# Bash does not run the EXIT trap when killed by an untrapped signal.
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------
# OS packages
# ---------------------------------------------------------------------------
phase_start
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "Installing missing packages: ${missing[*]}"
  if ((EUID == 0)); then
    as_root=()
  elif command -v sudo >/dev/null; then
    # -n: fail instead of waiting for a password nobody can type (CI, no TTY).
    if [[ ${CI:-} == true || ! -t 0 ]]; then as_root=(sudo -n); else as_root=(sudo); fi
    # sudo resets the environment, so pass the frontend explicitly.
    as_root+=(env DEBIAN_FRONTEND=noninteractive)
  else
    die "missing packages (${missing[*]}), not root and no sudo; install them first: apt-get install ${missing[*]}"
  fi
  apt_log="$RUN_DIR/apt.log"
  run_quiet "$apt_log" "apt-get update" "${as_root[@]}" apt-get update
  # Lock timeout: on a freshly booted machine unattended-upgrades or
  # cloud-init may still hold the dpkg lock for a while.
  run_quiet "$apt_log" "apt-get install" "${as_root[@]}" apt-get install -y --no-install-recommends \
    -o DPkg::Lock::Timeout=300 "${missing[@]}"
fi
export LOYALTYHUB_CHROMIUM="${LOYALTYHUB_CHROMIUM:-/usr/bin/chromium}"
[[ -x $LOYALTYHUB_CHROMIUM ]] || die "chromium not found at $LOYALTYHUB_CHROMIUM"
phase_end "install packages"

# ---------------------------------------------------------------------------
# Throw-away PostgreSQL
# ---------------------------------------------------------------------------
phase_start
# Highest installed major version (Debian may carry several side by side).
PG_BIN="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
[[ -n $PG_BIN && -x $PG_BIN/initdb ]] || die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"

# initdb refuses to run as root, so as root the cluster belongs to the
# 'postgres' OS user (created by the postgresql package) and every server
# binary runs as that user. The subshell cd avoids "could not change
# directory" warnings when the caller's cwd is unreadable for postgres.
if ((EUID == 0)); then
  id postgres >/dev/null 2>&1 || die "running as root but OS user 'postgres' does not exist"
  pg_cmd() { (cd "$PG_DIR" && runuser -u postgres -- "$@"); }
else
  pg_cmd() { "$@"; }
fi

mkdir -p "$PG_DIR/socket"
if ((EUID == 0)); then
  chown -R postgres: "$PG_DIR"
  # mktemp -d creates RUN_DIR as 0700; postgres needs to traverse it (not list it).
  chmod 0711 "$RUN_DIR"
  pg_cmd test -w "$PG_DIR" || die "user postgres cannot access $PG_DIR (is TMPDIR=${TMPDIR:-/tmp} under a private directory?)"
fi

initdb_log="$RUN_DIR/initdb.log"
# Explicit UTF8/C.UTF-8: with no locale in the environment (typical in CI)
# initdb would otherwise pick SQL_ASCII.
run_quiet "$initdb_log" initdb pg_cmd "$PG_BIN/initdb" -D "$PG_DATA" --username=postgres \
  --auth=trust --encoding=UTF8 --locale=C.UTF-8
# Trust (no password) only over the private unix socket and 127.0.0.1; no
# IPv6 / other hosts. The password in the connection string is ignored.
cat >"$PG_DATA/pg_hba.conf" <<'HBA'
local all all              trust
host  all all 127.0.0.1/32 trust
HBA
# Durability is pointless for a cluster that is deleted after the run.
cat >>"$PG_DATA/postgresql.conf" <<CONF

# --- scripts/test.sh ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR/socket'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
CONF

port_in_use() {
  if command -v ss >/dev/null; then
    [[ -n $(ss -Htln "sport = :$1") ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# Take the first free port from PG_FIRST_PORT up. Another process can grab
# it between the check and the bind (e.g. two CI jobs on one host), so a
# bind failure moves on to the next port instead of failing the run.
PG_PORT=""
for ((port = PG_FIRST_PORT; port < PG_FIRST_PORT + PG_PORT_TRIES; port++)); do
  port_in_use "$port" && continue
  # Removed, not truncated: as root, a file we create would not be writable
  # by the server.
  rm -f "$PG_DIR/server.log"
  # pg_ctl -w polls the server like pg_isready does, but also notices when
  # the postmaster dies, so a broken start fails at once instead of after
  # the full timeout.
  if pg_cmd "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_DIR/server.log" -o "-p $port" \
    -w -t "$PG_START_TIMEOUT" >"$RUN_DIR/pg_ctl.log" 2>&1 </dev/null; then
    PG_PORT=$port
    PG_STARTED=1
    break
  fi
  # Failed or timed out; a server still coming up must not linger.
  pg_cmd "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m immediate >/dev/null 2>&1 || true
  grep -qs 'Address already in use' "$PG_DIR/server.log" && continue
  cat "$RUN_DIR/pg_ctl.log" >&2
  tail -n 40 "$PG_DIR/server.log" >&2 || true
  die "PostgreSQL failed to start or was not ready within ${PG_START_TIMEOUT}s on 127.0.0.1:$port (logs above)"
done
[[ -n $PG_PORT ]] || die "no free TCP port in $PG_FIRST_PORT..$((PG_FIRST_PORT + PG_PORT_TRIES - 1)) for PostgreSQL"
"$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -t "$PG_START_TIMEOUT" ||
  die "pg_isready: PostgreSQL on 127.0.0.1:$PG_PORT is not accepting connections"

export LOYALTYHUB_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Include Error Detail=true"
log "PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') ready on 127.0.0.1:$PG_PORT"
phase_end "postgres start"

if [[ ${LOYALTYHUB_TEST_ONLY_INFRA:-} == 1 ]]; then
  "$PG_BIN/psql" -X -w -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -c 'select version()' </dev/null
  log "LOYALTYHUB_TEST_ONLY_INFRA=1: stopping before build and tests"
  exit 0
fi

# ---------------------------------------------------------------------------
# Build once; the test runs below use --no-build.
# ---------------------------------------------------------------------------
command -v dotnet >/dev/null || die "dotnet not found (install the SDK pinned in global.json)"
phase_start
log "Building LoyaltyHub.sln (Release)"
dotnet build LoyaltyHub.sln -c Release -warnaserror -v q -nologo </dev/null || die "build failed"
if [[ ${CI:-} == true ]]; then
  # The compiler/MSBuild servers outlive the build; on CI they can keep the
  # job's process tree alive after this script exits.
  dotnet build-server shutdown >/dev/null 2>&1 || true
fi
phase_end "build"

# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------
RESULTS_DIR="$RUN_DIR/results"
mkdir -p "$RESULTS_DIR"
RAN_PROJECTS=()

# Stops process group $1: SIGTERM, then SIGKILL if still there after 5 s.
kill_group() {
  kill -TERM -- "-$1" 2>/dev/null || return 0
  local _
  for _ in {1..50}; do
    kill -0 -- "-$1" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$1" 2>/dev/null || true
}

# Runs one test project; output to $RESULTS_DIR/<proj>.log, exit code and
# duration to .rc/.ms files (it may run in a background subshell).
run_project() {
  local proj=$1 t0 rc=0 child
  t0=$(now_ms)
  # `dotnet test` spawns vstest.console, which spawns the test host (and the
  # browser tests spawn Chromium); none of them die with their parent. setsid
  # puts the whole tree in its own process group (id = $child) so an
  # interrupted run can kill all of it.
  setsid dotnet test "tests/$proj" -c Release --no-build --nologo \
    --results-directory "$RESULTS_DIR" --logger "trx;LogFileName=$proj.trx" \
    "${TEST_ARGS[@]}" >"$RESULTS_DIR/$proj.log" 2>&1 </dev/null &
  child=$!
  trap 'kill_group "$child"; exit 143' TERM
  wait "$child" || rc=$?
  echo "$rc" >"$RESULTS_DIR/$proj.rc"
  echo $(($(now_ms) - t0)) >"$RESULTS_DIR/$proj.ms"
}

# Prints a finished project's log with its exit code and duration.
print_project() {
  local proj=$1
  printf '\n===== %s (exit %s, %s) =====\n' "$proj" \
    "$(<"$RESULTS_DIR/$proj.rc")" "$(fmt_ms "$(<"$RESULTS_DIR/$proj.ms")")"
  cat "$RESULTS_DIR/$proj.log"
  log "[time] test $proj: $(fmt_ms "$(<"$RESULTS_DIR/$proj.ms")")"
}

# Runs the given projects concurrently (existing ones only), waits, prints logs.
run_group() {
  local proj started=()
  for proj in "$@"; do
    if [[ ! -d tests/$proj ]]; then
      log "Skipping $proj: tests/$proj does not exist"
      continue
    fi
    log "Running $proj"
    run_project "$proj" &
    BG_PIDS+=($!)
    started+=("$proj")
  done
  local pid
  for pid in "${BG_PIDS[@]}"; do
    wait "$pid" || true # run_project records the real exit code itself
  done
  BG_PIDS=()
  for proj in "${started[@]}"; do
    print_project "$proj"
  done
  RAN_PROJECTS+=("${started[@]}")
}

run_group "${PARALLEL_PROJECTS[@]}"
run_group "${SERIAL_PROJECTS[@]}"

# ---------------------------------------------------------------------------
# Summary from the .trx files (<ResultSummary><Counters total= passed= .../>)
# ---------------------------------------------------------------------------
counter() { # counter <attr> <trx>: value of one Counters attribute, 0 if absent
  grep -o '<Counters [^>]*>' "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0
}

passed=0 failed=0 executed=0 notes=()
for proj in "${RAN_PROJECTS[@]}"; do
  rc=$(<"$RESULTS_DIR/$proj.rc")
  trx="$RESULTS_DIR/$proj.trx"
  if [[ ! -f $trx ]]; then
    failed=$((failed + 1))
    notes+=("$proj: exited with code $rc and wrote no .trx (crashed or failed to start); counted as 1 failure")
    continue
  fi
  p=$(counter passed "$trx")
  # error/timeout/aborted are failures too, just reported differently by VSTest.
  f=$(($(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx")))
  if ((rc != 0 && f == 0)); then
    # e.g. the test host crashed after some tests: the .trx looks clean.
    f=1
    notes+=("$proj: exited with code $rc but its .trx reports no failures; counted as 1 failure")
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  executed=$((executed + $(counter executed "$trx")))
done

echo
for note in "${notes[@]}"; do
  echo "NOTE: $note"
done
echo "$passed passed, $failed failed"

((failed == 0)) || exit 1
((executed > 0)) || die "no tests were executed"
