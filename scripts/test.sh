#!/usr/bin/env bash
# Runs every LoyaltyHub test on a fresh Debian machine: the one command CI calls.
#
#   scripts/test.sh [extra dotnet test args, e.g. --filter Category=Smoke]
#
# Steps: install missing OS packages -> start a throw-away PostgreSQL cluster
# and a throw-away Postfix SMTP server -> build the solution once -> run UnitTests + IntegrationTests concurrently,
# then BrowserTests -> print every log and a final "N passed, N failed" line.
#
# Environment:
#   CI=true                     never prompt (sudo -n); nothing reads stdin.
#   LOYALTYHUB_TEST_ONLY_INFRA=1
#                               install packages, start PostgreSQL and Postfix,
#                               run `select version()` and read the SMTP
#                               banner, then stop (no build, no tests). Handy
#                               for debugging the setup.
#   LOYALTYHUB_CHROMIUM         browser binary to use (default /usr/bin/chromium).
# Exported to the tests:
#   LOYALTYHUB_TEST_POSTGRES    Npgsql connection string of a superuser on the
#                               throw-away server; tests create their own DBs.
#   LOYALTYHUB_TEST_SMTP        host:port of the throw-away Postfix (no auth, no
#                               TLS). It accepts mail for any address and
#                               delivers it to one catch-all Maildir; it refuses
#                               recipients @refused.test (550 5.1.1) and
#                               defers @busy.test (450 4.2.1).
#   LOYALTYHUB_TEST_MAILDIR     that Maildir (new/, cur/, tmp/); tests read it.
#   LOYALTYHUB_CHROMIUM
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

export DEBIAN_FRONTEND=noninteractive
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

readonly APT_PACKAGES=(postgresql postfix chromium fonts-dejavu-core)
readonly PG_FIRST_PORT=55432 PG_PORT_TRIES=50
readonly PG_START_TIMEOUT=30
readonly SMTP_FIRST_PORT=52525 SMTP_PORT_TRIES=50
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
SMTP_DIR="$RUN_DIR/smtp"
SMTP_STARTED=0
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
  if [[ $SMTP_STARTED == 1 ]]; then
    stop_postfix || echo "WARNING: Postfix did not stop; log: $SMTP_DIR/maillog" >&2
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
# How to run a command as root: directly, through sudo, or not at all (empty
# HAVE_ROOT). Package installs and the Postfix master need it.
HAVE_ROOT=1
if ((EUID == 0)); then
  as_root=()
elif command -v sudo >/dev/null; then
  # -n: fail instead of waiting for a password nobody can type (CI, no TTY).
  if [[ ${CI:-} == true || ! -t 0 ]]; then as_root=(sudo -n); else as_root=(sudo); fi
  # sudo resets the environment, so pass the frontend explicitly.
  as_root+=(env DEBIAN_FRONTEND=noninteractive)
else
  as_root=()
  HAVE_ROOT=""
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "Installing missing packages: ${missing[*]}"
  [[ -n $HAVE_ROOT ]] ||
    die "missing packages (${missing[*]}), not root and no sudo; install them first: apt-get install ${missing[*]}"
  apt_log="$RUN_DIR/apt.log"
  # Postfix without a system-wide configuration: its package then neither
  # writes /etc/postfix/main.cf nor starts a system MTA; the tests run their
  # own instance below.
  "${as_root[@]}" debconf-set-selections <<<'postfix postfix/main_mailer_type select No configuration' >>"$apt_log" 2>&1 ||
    die "debconf-set-selections failed (log: $apt_log)"
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

# ---------------------------------------------------------------------------
# Throw-away SMTP server: a private Postfix instance (its own config, queue and
# ports under RUN_DIR; the system's Postfix stays unconfigured and stopped).
# Every accepted message goes to one catch-all Maildir the mail tests read; a
# later IMAP server (Dovecot) can serve the same Maildir.
# ---------------------------------------------------------------------------
POSTFIX=/usr/sbin/postfix
stop_postfix() {
  local pid_file="$SMTP_DIR/queue/pid/master.pid" pid _
  pid=$(tr -dc '0-9' <"$pid_file" 2>/dev/null || true)
  "${as_root[@]}" "$POSTFIX" -c "$SMTP_DIR/conf" stop >/dev/null 2>&1 || true
  [[ -n $pid ]] || return 0
  for _ in {1..50}; do
    "${as_root[@]}" kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  "${as_root[@]}" kill -KILL "$pid" 2>/dev/null || true
  return 1
}

# Writes the instance's main.cf and master.cf for SMTP port $1.
write_postfix_config() {
  local port=$1 vuid vgid
  # Delivery runs as this user: the caller's own when not root, so the tests
  # can read the Maildir; 'nobody' for root (Postfix never delivers as root).
  if ((EUID == 0)); then vuid=$(id -u nobody) vgid=$(id -g nobody); else vuid=$EUID vgid=$(id -g); fi
  cat >"$SMTP_DIR/conf/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $SMTP_DIR/queue
data_directory = $SMTP_DIR/data
maillog_file = $SMTP_DIR/maillog
maillog_file_prefixes = $SMTP_DIR
mail_owner = postfix
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = smtp.loyaltyhub.test
mydestination =
local_recipient_maps =
relay_domains =
mynetworks = 127.0.0.0/8
biff = no
# Catch-all: every domain is a virtual mailbox domain, every address the same Maildir.
virtual_mailbox_domains = static:all
virtual_mailbox_base = $SMTP_DIR/mailboxes
virtual_mailbox_maps = static:catchall/
virtual_minimum_uid = 1
virtual_uid_maps = static:$vuid
virtual_gid_maps = static:$vgid
smtpd_recipient_restrictions = check_recipient_access regexp:$SMTP_DIR/conf/recipient_access, permit_mynetworks, reject
CONF
  cat >"$SMTP_DIR/conf/recipient_access" <<'MAP'
/@refused\.test$/ 550 5.1.1 Mailbox unavailable
/@busy\.test$/ 450 4.2.1 Mailbox busy, try again later
MAP
  # Only the services a receive-and-deliver server needs; none chrooted.
  cat >"$SMTP_DIR/conf/master.cf" <<CONF
127.0.0.1:$port inet n - n - - smtpd
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
virtual   unix  - n n - - virtual
postlog   unix-dgram n - n - 1 postlogd
CONF
}

phase_start
SMTP_PORT=""
if [[ -z $HAVE_ROOT ]]; then
  log "WARNING: not root and no sudo: no SMTP server, so the mail tests will be skipped (and fail under CI=true)"
elif [[ ! -x $POSTFIX ]]; then
  die "$POSTFIX not found (package postfix)"
else
  # The Maildir exists before the first delivery, so a test can watch it from the start.
  mkdir -p "$SMTP_DIR/conf" "$SMTP_DIR/queue" "$SMTP_DIR/data" "$SMTP_DIR/mailboxes/catchall/"{cur,new,tmp}
  # Postfix's daemons run as 'postfix' and must reach the queue under RUN_DIR (0700 from mktemp).
  chmod 0711 "$RUN_DIR"
  chmod 0755 "$SMTP_DIR" "$SMTP_DIR/conf" "$SMTP_DIR/mailboxes"
  if ((EUID == 0)); then
    chown postfix: "$SMTP_DIR/data"
    chown -R nobody: "$SMTP_DIR/mailboxes"
  else
    "${as_root[@]}" chown root: "$SMTP_DIR/queue" && "${as_root[@]}" chown postfix: "$SMTP_DIR/data" ||
      die "cannot hand $SMTP_DIR to root/postfix through sudo"
  fi
  for ((port = SMTP_FIRST_PORT; port < SMTP_FIRST_PORT + SMTP_PORT_TRIES; port++)); do
    port_in_use "$port" && continue
    write_postfix_config "$port"
    # 'postfix start' returns only once the master has bound its ports (or failed to).
    if "${as_root[@]}" "$POSTFIX" -c "$SMTP_DIR/conf" start >"$RUN_DIR/postfix-start.log" 2>&1 </dev/null; then
      SMTP_PORT=$port
      SMTP_STARTED=1
      break
    fi
    grep -qs 'Address already in use' "$SMTP_DIR/maillog" && continue
    cat "$RUN_DIR/postfix-start.log" >&2
    tail -n 40 "$SMTP_DIR/maillog" >&2 || true
    die "Postfix failed to start on 127.0.0.1:$port (logs above)"
  done
  [[ -n $SMTP_PORT ]] || die "no free TCP port in $SMTP_FIRST_PORT..$((SMTP_FIRST_PORT + SMTP_PORT_TRIES - 1)) for Postfix"
  export LOYALTYHUB_TEST_SMTP="127.0.0.1:$SMTP_PORT"
  export LOYALTYHUB_TEST_MAILDIR="$SMTP_DIR/mailboxes/catchall"
  log "Postfix $(/usr/sbin/postconf -d -h mail_version 2>/dev/null) ready on $LOYALTYHUB_TEST_SMTP, Maildir $LOYALTYHUB_TEST_MAILDIR"
fi
phase_end "smtp start"

if [[ ${LOYALTYHUB_TEST_ONLY_INFRA:-} == 1 ]]; then
  "$PG_BIN/psql" -X -w -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -c 'select version()' </dev/null
  if [[ -n $SMTP_PORT ]]; then
    exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT" && read -r -t 10 banner <&3 && exec 3<&- && log "SMTP banner: $banner"
  fi
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
