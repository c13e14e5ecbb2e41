#!/usr/bin/env bash
# The ingest benchmark: the real platform (Release build, SQLite, synchronous=FULL) on a loopback port,
# fed realistic responses over HTTP by the load generator (bench ingest) with 1, 4, 16 and 64 concurrent
# clients, then the ceiling: the same rows inserted straight into SQLite through ResponseStore and raw.
# Results go to bench/results/ingest.md. Run it on a quiet machine: the generator shares the CPU with
# the platform, and other work on the machine lowers every figure (the load average is recorded).
#
#   SECONDS_PER_RUN=60 CLIENTS="1 4 16 32 64" bench/run-ingest.sh
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)
seconds=${SECONDS_PER_RUN:-60}
sweep=${CLIENTS:-1 4 16 32 64}
port=${PORT:-5199}
work=$(mktemp -d "${TMPDIR:-/tmp}/culture-ingest.XXXXXX")
server_pid=""
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

dotnet build "$root/src/CultureDiagnostics.Api" -c Release --nologo -v quiet >/dev/null
dotnet build CultureDiagnostics.Bench -c Release --nologo -v quiet >/dev/null
bench() { dotnet CultureDiagnostics.Bench/bin/Release/net10.0/CultureDiagnostics.Bench.dll "$@"; }

bench ingest-setup --db "$work/culture.db" --targets "$work/targets.json"
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet "$root/src/CultureDiagnostics.Api/bin/Release/net10.0/CultureDiagnostics.Api.dll" \
  --urls "http://127.0.0.1:$port" --CultureDiagnostics:DataDirectory="$work" --CultureDiagnostics:DatabasePath="$work/culture.db" \
  --CultureDiagnostics:Demo=false --CultureDiagnostics:RateLimits:SubmissionsPerMinute=1000000000 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/openapi/v1.json" >/dev/null 2>&1 && break
  sleep 0.5
done

out=results/ingest.md
mkdir -p results
{
  echo "# Ingest benchmark"
  echo
  echo "Run on $(date -u +%Y-%m-%d) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; .NET $(dotnet --version); ${seconds} s per run."
  echo "Load average before the runs: $(uptime | sed -E 's/.*load average: //')."
  echo
  echo "POST /api/responses over HTTP on loopback, the platform (Release, Production, SQLite in WAL with synchronous=FULL) and the"
  echo "generator (bench ingest) on the same machine. Each client sends one response after another with a new idempotency key;"
  echo "the mix is half the diagnostic wave (leadership behaviours, psychological safety and team reflexivity: about 70 answers)"
  echo "and half the psychological-safety pulse (8 answers), with demographics most of the time and a comment sometimes."
  echo "A response is acknowledged (201, or 200 for a repeat) only after the transaction holding it has committed; submissions"
  echo "arriving together share one transaction (group commit, src/CultureDiagnostics.Data/Responses/ResponseWriter.cs)."
  echo
  echo "| clients | responses/s | p50 (ms) | p95 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | errors | load average after |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
} >"$out"

field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }
for c in $sweep; do
  line=$(bench ingest --url "http://127.0.0.1:$port" --targets "$work/targets.json" --clients "$c" --seconds "$seconds" || true)
  echo "$line"
  echo "| $c | $(field per_second "$line") | $(field p50_ms "$line") | $(field p95_ms "$line") | $(field p99_ms "$line") | $(field p999_ms "$line") | $(field max_ms "$line") | $(field errors "$line") | $(uptime | sed -E 's/.*load average: //') |" >>"$out"
done

kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
{
  echo
  echo "The ceiling: the same kind of responses inserted straight into SQLite (no HTTP, no validation), ${seconds} s each, on a new"
  echo "database: one transaction per response through ResponseStore (what every request cost before group commit: one disk sync"
  echo "each); then, set up as the platform runs (the writer's own connection, the log copied from another thread), the writer"
  echo "given 256 responses at a time (group commit at its fullest), and raw prepared statements in batches of 256."
  echo
  echo "| how | responses/s |"
  echo "| --- | ---: |"
} >>"$out"
bench ingest-ceiling --db "$work/ceiling.db" --seconds "$seconds" | while read -r _ name responses rate; do
  echo "| ${name} | ${rate#per_second=} |" >>"$out"
  echo "$name $responses $rate"
done
cat "$out"
