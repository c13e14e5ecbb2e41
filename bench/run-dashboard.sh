#!/usr/bin/env bash
# The board's dashboard benchmark: a 100,000-response campaign (500 teams, the leadership behaviours survey)
# and the demo's two years of metrics, rendered by the whole platform in process. The first request analyses
# the campaign (the cache is cold); then RENDERS renders are timed inside the server. Target: under 300 ms
# server time once the analysis is cached. Results go to bench/results/dashboard.md.
# The database gets the demo's metrics added, so it is kept apart from the statistics benchmark's.
set -euo pipefail
cd "$(dirname "$0")"
work=${BENCH_DIR:-/tmp/culture-bench-dashboard}
mkdir -p "$work" results
dotnet build CultureDiagnostics.Bench -c Release --nologo -v quiet >/dev/null
bench() { dotnet CultureDiagnostics.Bench/bin/Release/net10.0/CultureDiagnostics.Bench.dll "$@"; }

out=results/dashboard.md
{
  echo "# Dashboard benchmark"
  echo
  echo "Run on $(date -u +%Y-%m-%d) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; .NET $(dotnet --version)."
  echo "Server time is measured by the first middleware, from the request's arrival to the end of the response."
  echo
  echo "| respondents | first render, analysis cold (ms) | renders | median (ms) | p95 (ms) | max (ms) | page (KB) | charts | load average before |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
} > "$out"

for n in ${SIZES:-100000}; do
  db="$work/dashboard-$n.db"
  [ -f "$db" ] || bench generate --db "$db" --respondents "$n"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  line=$(bench dashboard --db "$db" --renders "${RENDERS:-50}" | grep '^dashboard ')
  field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$line"; }
  echo "| $(field respondents) | $(field first_ms) | $(field renders) | $(field median_ms) | $(field p95_ms) | $(field max_ms) | $(field page_kb) | $(field charts) | $load |" >> "$out"
  echo "$line (load average $load)"
done
cat "$out"
