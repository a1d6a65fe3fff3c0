#!/usr/bin/env bash
# The test command (README): build, type-check, lint, n8n's scanner (offline), then every test tier.
#   engine tier: jest, n8n-core's WorkflowExecute + simulators (Node 20)
#   e2e tier:    the shipped workflows in a real n8n (Node 24) and the editor in headless Chromium
# Ends with one plain line "N passed, N failed" that CI reads. `TIERS=engine npm test` skips e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .ci/out
tiers="${TIERS:-engine e2e}"

step() { printf '\n== %s\n' "$*"; }
started=$(date +%s)

step "build (n8n-node build)"
npx n8n-node build >/dev/null
step "type-check tests"
npx tsc -p tsconfig.test.json
step "lint nodes/ and credentials/ (n8n community rules, Cloud config)"
npx eslint nodes credentials package.json
step "n8n's scanner, offline: source and the npm-packed tarball (scripts/scan-package.mjs)"
node scripts/scan-package.mjs

# Runs one jest tier and appends "<passed> <failed>" to .ci/out/summary.
run_tier() {
	local name=$1 config=$2 tier_started
	tier_started=$(date +%s)
	rm -f ".ci/out/jest-$name.json"
	set +e
	npx jest -c "$config" --ci --json --outputFile=".ci/out/jest-$name.json" 2>&1 | tee ".ci/out/jest-$name.log" | grep -vE '^\s*$' | tail -n 40
	set -e
	node -e '
const [file, name, seconds] = process.argv.slice(1);
let r;
try { r = require(require("path").resolve(file)); } catch { r = { numPassedTests: 0, numFailedTests: 1, numPendingTests: 0, numTodoTests: 0, testResults: [] }; console.log(`${name} tier: jest wrote no results`); }
const broken = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.every((a) => a.status !== "failed"));
for (const s of broken) console.log("suite failed to run: " + s.name + "\n" + s.message);
const skipped = r.numPendingTests + r.numTodoTests;
if (skipped) console.log(`${skipped} skipped or todo tests: the house rules allow none`);
const failed = r.numFailedTests + broken.length + skipped;
console.log(`${name} tier: ${r.numPassedTests} passed, ${failed} failed in ${seconds} s`);
require("fs").appendFileSync(".ci/out/summary", `${r.numPassedTests} ${failed}\n`);
' ".ci/out/jest-$name.json" "$name" "$(( $(date +%s) - tier_started ))"
}

rm -f .ci/out/summary
for tier in $tiers; do
	case "$tier" in
		engine)
			step "engine tier (jest: n8n-core WorkflowExecute + simulators)"
			run_tier engine jest.config.js
			;;
		e2e)
			step "e2e tier (real n8n 2.41 on Node 24; editor in headless Chromium)"
			bash scripts/runtime.sh >/dev/null
			CHROMIUM_PATH="$(bash scripts/browser.sh)" run_tier e2e jest.e2e.config.js
			;;
	esac
done

read -r passed failed < <(awk '{p += $1; f += $2} END {print p + 0, f + 0}' .ci/out/summary)
echo "total time $(( $(date +%s) - started )) s"
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
