#!/usr/bin/env bash
# The test command (README): build, type-check, lint, then every test tier.
# Ends with one plain line "N passed, N failed" that CI reads.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .ci/out

step() { printf '\n== %s\n' "$*"; }
started=$(date +%s)

step "build (n8n-node build)"
npx n8n-node build >/dev/null
step "type-check tests"
npx tsc -p tsconfig.test.json
step "lint nodes/ and credentials/ (n8n community rules, Cloud config)"
npx eslint nodes credentials package.json

step "engine tier (jest: n8n-core WorkflowExecute + simulators)"
rm -f .ci/out/jest.json .ci/out/summary
set +e
npx jest --ci --json --outputFile=.ci/out/jest.json "$@" 2>&1 | tee .ci/out/jest.log | grep -vE '^\s*$' | tail -n 40
set -e

node -e '
const r = require("./.ci/out/jest.json");
const failedSuites = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.every((a) => a.status !== "failed"));
for (const s of failedSuites) console.log("suite failed to run: " + s.name + "\n" + s.message);
const skipped = r.numPendingTests + r.numTodoTests;
if (skipped) console.log(`${skipped} skipped or todo tests: the house rules allow none`);
const failed = r.numFailedTests + failedSuites.length + skipped;
console.log(`engine tier: ${r.numPassedTests} passed, ${failed} failed in ${((Date.now() - r.startTime) / 1000).toFixed(1)} s`);
require("fs").writeFileSync(".ci/out/summary", `${r.numPassedTests} ${failed}\n`);
'
read -r passed failed < .ci/out/summary
echo "total time $(( $(date +%s) - started )) s"
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
