#!/usr/bin/env bash
# The statistics benchmark: a large trust's campaign analysed from the database at 10k, 100k and
# 1M respondents (500 teams, the 40-item leadership behaviours survey plus the leaders' section), and
# the same alpha, rwg(j) and ICC computed by R on the same data. Results go to
# bench/results/statistics.md. Needs R with psych and multilevel for the comparison
# (apt-get install r-base-core r-cran-psych r-cran-multilevel); without R that part is skipped.
set -euo pipefail
cd "$(dirname "$0")"
work=${BENCH_DIR:-/tmp/culture-bench}
mkdir -p "$work" results
dotnet build CultureDiagnostics.Bench -c Release --nologo -v quiet >/dev/null
bench() { dotnet CultureDiagnostics.Bench/bin/Release/net10.0/CultureDiagnostics.Bench.dll "$@"; }

out=results/statistics.md
{
  echo "# Statistics benchmark"
  echo
  echo "Run on $(date -u +%Y-%m-%d) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; .NET $(dotnet --version)."
  echo
  echo "| respondents | full analysis from the database, best of 3 (ms) | of which disclosure control (ms) | peak working set (MB) | core alpha/rwg/ICC (s) | R alpha/rwg.j/ICC (s) | R / core |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} > "$out"

for n in ${SIZES:-10000 100000 1000000}; do
  db="$work/bench-$n.db"
  [ -f "$db" ] || bench generate --db "$db" --respondents "$n"
  analyse=$(bench analyse --db "$db" --repeat 3)
  best=$(sed -E 's/.*best_ms=([0-9]+).*/\1/' <<<"$analyse")
  disclosure=$(sed -E 's/.*disclosure_best_ms=([0-9]+).*/\1/' <<<"$analyse")
  peak=$(sed -E 's/.*peak_working_set_mb=([0-9]+).*/\1/' <<<"$analyse")
  core=$(bench core --db "$db" --repeat 3 | sed -E 's/.*core_seconds=([0-9.]+).*/\1/')
  r="-"; ratio="-"
  # R takes minutes at 100,000 respondents; beyond R_MAX (default 100,000) it is not run.
  if [ "$n" -le "${R_MAX:-100000}" ] && command -v Rscript >/dev/null && Rscript -e 'library(psych); library(multilevel)' >/dev/null 2>&1; then
    bench export-csv --db "$db" --out "$work/bench-$n.csv"
    r=$(Rscript r/analyse.R "$work/bench-$n.csv" | sed -E 's/.*r_seconds=([0-9.]+).*/\1/')
    ratio=$(awk -v r="$r" -v c="$core" 'BEGIN { printf "%.0f×", r / c }')
  fi
  echo "| $n | $best | $disclosure | $peak | $core | $r | $ratio |" >> "$out"
  echo "$n: $analyse; core ${core}s; R ${r}s"
done
cat "$out"
