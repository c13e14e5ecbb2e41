#!/usr/bin/env bash
# Runs every test of the platform: build with warnings as errors, then all test projects.
# On a fresh machine this is all that is needed after cloning (with the .NET 10 SDK installed): it installs
# Debian's Chromium for the browser tests and Debian's PostgreSQL for the database tests when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp)

# The browser tests drive Debian's Chromium (Playwright's own browser download cannot work here).
# Install it when missing; if it cannot be had, say so loudly: those tests then fail, never pass silently.
if [ ! -x /usr/bin/chromium ]; then
  as_root=""
  if [ "$(id -u)" -ne 0 ]; then as_root="sudo"; fi
  echo "Installing Chromium for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  if ! $as_root apt-get install -y chromium; then
    $as_root apt-get update && $as_root apt-get install -y chromium || true
  fi
  if [ ! -x /usr/bin/chromium ]; then
    echo "" >&2
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    echo "!! WARNING: Chromium could not be installed (apt-get install -y chromium failed).                !!" >&2
    echo "!! The browser tests in tests/CultureDiagnostics.Browser.Tests WILL FAIL without /usr/bin/chromium. !!" >&2
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    echo "" >&2
  fi
fi

# The workbook's print test converts it to PDF with LibreOffice, run headless as a board secretary would.
# Install it when missing (Calc without a desktop is enough); if it cannot be had, say so loudly.
if ! command -v soffice >/dev/null 2>&1 && ! command -v libreoffice >/dev/null 2>&1; then
  as_root=""
  if [ "$(id -u)" -ne 0 ]; then as_root="sudo"; fi
  echo "Installing LibreOffice Calc for the workbook print test..."
  export DEBIAN_FRONTEND=noninteractive
  if ! $as_root apt-get install -y --no-install-recommends libreoffice-calc-nogui >/dev/null 2>&1; then
    { $as_root apt-get update >/dev/null 2>&1 && $as_root apt-get install -y --no-install-recommends libreoffice-calc-nogui >/dev/null 2>&1; } || true
  fi
  if ! command -v soffice >/dev/null 2>&1; then
    echo "!! WARNING: LibreOffice could not be installed: the workbook print test is SKIPPED, not passed." >&2
  fi
fi

# The API tests run on SQLite and again on PostgreSQL, and the multi-instance tests need PostgreSQL:
# start a throwaway server (Debian's postgresql package, installed when missing) on a free loopback
# port with a data directory in /tmp, and remove it on exit. If it cannot be had, say so loudly: the
# PostgreSQL tests are then reported as skipped with the reason, never passed.
pg_dir=""
pg_bin=""
pg_owner=""
stop_postgres() {
  if [ -n "$pg_dir" ]; then
    if [ -n "$pg_bin" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
      as_pg_owner "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_dir"
  fi
}
trap 'stop_postgres; rm -f "$log"' EXIT
as_pg_owner() { if [ -n "$pg_owner" ]; then runuser -u "$pg_owner" -- "$@"; else "$@"; fi; }
find_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

start_postgres() {
  pg_bin=$(find_pg_bin)
  if [ -z "$pg_bin" ]; then
    echo "Installing PostgreSQL for the database tests..."
    local as_root=""
    if [ "$(id -u)" -ne 0 ]; then as_root="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $as_root apt-get install -y postgresql >/dev/null 2>&1 \
      || { $as_root apt-get update >/dev/null 2>&1 && $as_root apt-get install -y postgresql >/dev/null 2>&1; } || true
    pg_bin=$(find_pg_bin)
  fi
  [ -n "$pg_bin" ] || { pg_problem="Debian's postgresql package is not installed and could not be installed"; return 1; }

  # PostgreSQL refuses to run as root: run it as the postgres user (created if missing).
  if [ "$(id -u)" -eq 0 ]; then
    pg_owner=postgres
    id -u postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  fi
  pg_dir=$(mktemp -d /tmp/culture-pg.XXXXXX)
  chmod 755 "$pg_dir"
  [ -z "$pg_owner" ] || chown "$pg_owner" "$pg_dir"
  as_pg_owner "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
    || { pg_problem="initdb failed: $(tail -n 3 "$pg_dir/initdb.log")"; return 1; }

  local port
  for port in $(shuf -i 20000-60000 -n 20); do
    if ! (: </dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
      # fsync off: a throwaway server whose data is deleted at the end; the tests are not about power loss.
      if as_pg_owner "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
           -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -F" start >/dev/null 2>&1; then
        export CD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
        echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') started for the tests on 127.0.0.1:$port (data in $pg_dir)."
        return 0
      fi
    fi
  done
  pg_problem="the server would not start: $(tail -n 3 "$pg_dir/server.log" 2>/dev/null)"
  return 1
}

pg_problem=""
if ! start_postgres; then
  unset CD_TEST_POSTGRES
  echo "" >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  echo "!! WARNING: no PostgreSQL server for the tests: $pg_problem" >&2
  echo "!! The API tests run on SQLite only; the PostgreSQL and multi-instance tests are SKIPPED, not passed." >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  echo "" >&2
fi

status=0
dotnet test CultureDiagnostics.sln --nologo 2>&1 | tee "$log" || status=$?

# The API tests again, every app on a PostgreSQL database of its own (the multi-instance tests ran above).
if [ -n "${CD_TEST_POSTGRES:-}" ]; then
  echo "Running the API tests again on PostgreSQL..."
  # Left out here: tests marked [Trait("Database", "SQLiteOnly")], which read the SQLite file itself
  # (its online backup, its data_version counter, stores over the file); they ran above.
  CD_TEST_DATABASE=postgres dotnet test tests/CultureDiagnostics.Api.Tests --no-build --nologo \
    --filter "FullyQualifiedName!~CultureDiagnostics.Api.Tests.MultiInstance&Database!=SQLiteOnly" 2>&1 | tee -a "$log" || status=$?
fi

# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
if [ -z "${CD_TEST_POSTGRES:-}" ]; then
  echo "!! PostgreSQL was not available ($pg_problem): the PostgreSQL tests were skipped, not passed." >&2
fi
exit "$status"
