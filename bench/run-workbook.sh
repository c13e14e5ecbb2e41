#!/usr/bin/env bash
# The workbook benchmark: the synthesis workbook of a large trust's campaign (500 teams, the 40-item
# leadership behaviours survey, 100,000 respondents by default), exported as `culture export` does on a
# cold cache: analysis, disclosure control, publishing every unit, writing the .xlsx. Best of 3, with CPU
# time and the peak working set. Results go to bench/results/workbook.md.
set -euo pipefail
cd "$(dirname "$0")"
work=${BENCH_DIR:-/tmp/culture-bench}
n=${RESPONDENTS:-100000}
mkdir -p "$work" results
dotnet build CultureDiagnostics.Bench -c Release --nologo -v quiet >/dev/null
bench() { dotnet CultureDiagnostics.Bench/bin/Release/net10.0/CultureDiagnostics.Bench.dll "$@"; }
db="$work/bench-$n.db"
[ -f "$db" ] || bench generate --db "$db" --respondents "$n"
before=$(uptime | sed -E 's/.*load average: //')
line=$(bench export --db "$db" --repeat 3)
after=$(uptime | sed -E 's/.*load average: //')
echo "$line"
echo "load average before: $before; after: $after"
