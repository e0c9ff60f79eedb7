#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, then runs every test:
# type check, unit tests (Node) and browser tests (Debian Chromium, headless).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

npm ci --no-audit --no-fund
npm run typecheck
mkdir -p test-output
npx vitest run --reporter=default --reporter=json --outputFile=test-output/unit-results.json
npx vitest run --config test/e2e/vitest.e2e.config.ts --reporter=default --reporter=json --outputFile=test-output/e2e-results.json

# One plain closing line for the whole run.
node -e '
const files = ["test-output/unit-results.json", "test-output/e2e-results.json"].map((f) => require("./" + f));
const sum = (k) => files.reduce((n, r) => n + r[k], 0);
console.log(`all: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests")} skipped`);
'
