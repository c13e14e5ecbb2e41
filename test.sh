#!/usr/bin/env bash
# Runs every test of the platform: build with warnings as errors, then all test projects.
# On a fresh machine this is all that is needed after cloning (with the .NET 10 SDK installed).
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet test CultureDiagnostics.sln --nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
