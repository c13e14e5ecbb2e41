#!/usr/bin/env bash
# Runs every test of the platform: build with warnings as errors, then all test projects.
# On a fresh machine this is all that is needed after cloning (with the .NET 10 SDK installed): it installs
# Debian's Chromium for the browser tests when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

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

status=0
dotnet test CultureDiagnostics.sln --nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
