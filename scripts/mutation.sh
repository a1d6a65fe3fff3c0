#!/usr/bin/env bash
# Mutation testing (issue #17): Stryker 10 puts small bugs into nodes/ and credentials/ and runs the engine
# tier against each; a mutant no test notices "survived". Configuration and its reasons: stryker.config.mjs.
# Stryker 10 needs Node >= 22: it runs on the project's Node 24 (scripts/runtime.sh --node-only, no n8n).
# Reports: .ci/out/mutation/mutation.{html,json} (a run narrowed by MUTATE: in a subfolder named after it);
# the score per folder is printed at the end, the undetected mutants go to survivors.txt beside the reports
# (and to survivors-live.txt while the run goes on, each as soon as it is known).
#
#   npm run mutation                                  everything shipped (the weekly job; hours here: ~5 s a mutant)
#   MUTATE='nodes/TeamViewer/transport/**/*.ts' npm run mutation       one folder (comma-separate several;
#                                                     braces keep theirs: actions/{session,device}/**/*.ts)
#   INCREMENTAL=1 npm run mutation                    reuse earlier results for unchanged code and tests
#                                                     (one incremental file per MUTATE scope, beside its reports)
#   STRYKER_CONCURRENCY=2 npm run mutation            parallel jest runners (default 1: two shared cores)
#   MUTATION_TESTS='test/nodes/transport.test.ts' npm run mutation
#                                                     only those test files (a focused local run: its score is
#                                                     a lower bound of the full run's; reports in <scope>-focused)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .ci/out/mutation
started=$(date +%s)

# A fresh clone: the committed lockfile's devDependencies (as .ci/run; .npmrc sets ignore-scripts).
[ -d node_modules/@stryker-mutator/jest-runner ] || npm install --no-audit --no-fund
node_bin=$(bash scripts/runtime.sh --node-only | sed -n 's/^NODE24_BIN=//p')
export PATH="$node_bin:$PATH"

printf '== build (n8n-node build): the sources compile before any mutant is made\n'
npx n8n-node build >/dev/null

export MUTATE="${MUTATE:-}"
# The same folder stryker.config.mjs writes to: .ci/out/mutation, or a subfolder named after MUTATE.
reports=.ci/out/mutation
if [ -n "$MUTATE" ]; then
	reports="$reports/$(printf '%s' "$MUTATE" | sed -E 's/[^A-Za-z0-9]+/_/g; s/^_//; s/_$//' | cut -c1-80)${MUTATION_TESTS:+-focused}"
elif [ -n "${MUTATION_TESTS:-}" ]; then
	reports="$reports/focused"
fi
# Incremental: results of unchanged mutants and tests are taken from $reports/incremental.json.
[ -n "${INCREMENTAL:-}" ] && export STRYKER_INCREMENTAL=true

printf '== stryker (node %s, mutate: %s%s%s)\n' "$(node -v)" "${MUTATE:-nodes/**/*.ts, credentials/**/*.ts}" "${INCREMENTAL:+, incremental}" "${MUTATION_TESTS:+, only the tests $MUTATION_TESTS}"
status=0
npx stryker run stryker.config.mjs || status=$?

node scripts/mutation-score.mjs "$reports/mutation.json"
echo "mutation run: $(( $(date +%s) - started )) s"
exit "$status"
