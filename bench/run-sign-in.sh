#!/usr/bin/env bash
# The sign-in timing benchmark: failed sign-ins through POST /api/auth/sign-in on the whole platform in process,
# for an unknown address, a wrong password and a locked account, ROUNDS of each in a rotating order, timed inside
# the server. They should take the same time, so that how long a sign-in takes does not tell who has an account.
# Results go to bench/results/sign-in-timing.md.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p results
dotnet build CultureDiagnostics.Bench -c Release --nologo -v quiet >/dev/null
bench() { dotnet CultureDiagnostics.Bench/bin/Release/net10.0/CultureDiagnostics.Bench.dll "$@"; }

before=$(cut -d' ' -f1-3 /proc/loadavg)
lines=$(bench sign-in --rounds "${ROUNDS:-300}")
after=$(cut -d' ' -f1-3 /proc/loadavg)
out=results/sign-in-timing.md
{
  echo "# Sign-in timing"
  echo
  echo "\`bench/run-sign-in.sh\` (\`bench sign-in --rounds ${ROUNDS:-300}\`): failed sign-ins through \`POST /api/auth/sign-in\`,"
  echo "the whole platform in process on SQLite, timed inside the server from the request's arrival to the end of its"
  echo "response. The three cases take turns in a rotating order after 10 untimed rounds of warm-up."
  echo
  echo "Run on $(date -u +%Y-%m-%d) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; .NET $(dotnet --version); Release build;"
  echo "load average $before before, $after after."
  echo
  echo "| case | sign-ins | median (ms) | 25th percentile (ms) | 75th percentile (ms) | 95th percentile (ms) | mean (ms) | median / wrong password |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  while read -r line; do
    field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$line"; }
    echo "| $(field case) | $(field n) | $(field median_ms) | $(field p25_ms) | $(field p75_ms) | $(field p95_ms) | $(field mean_ms) | $(field ratio_to_wrong_password) |"
  done < <(grep '^sign-in ' <<<"$lines")
} > "$out"
echo "$lines"
cat "$out"
