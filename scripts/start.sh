#!/usr/bin/env bash
# The start command (npm start): a real n8n with this pack installed as a community package, on
# SQLite, next to a TeamViewer sandbox, with ready-made credentials and every workflow in workflows/.
# First run installs Node 24 and n8n (about 4 minutes); later runs start in seconds. Ctrl-C stops all.
#   --queue   n8n's queue mode instead (npm run start:queue): PostgreSQL and Redis from Debian's packages,
#             run by this script on their own ports with their data in .sandbox/queue, then n8n main and
#             two `n8n worker` processes, each with its own user folder and its own copy of the pack.
set -euo pipefail
queue=false
for arg in "$@"; do
	case "$arg" in
		--queue) queue=true ;;
		*) echo "unknown option $arg (known: --queue)" >&2; exit 2 ;;
	esac
done
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
N8N_PORT="${N8N_PORT:-5678}"
SANDBOX_PORT="${SANDBOX_PORT:-8765}"
state="$root/.sandbox"
say() { printf '\033[1m[start]\033[0m %s\n' "$*"; }

eval "$(bash scripts/runtime.sh)"
[ -x node_modules/.bin/n8n-node ] || { say "installing the project's dev dependencies"; npm install --no-audit --no-fund >/dev/null; }
say "building the pack"
npx n8n-node build >/dev/null
mkdir -p "$state/pack" "$state/import/workflows"
rm -f "$state"/pack/*.tgz
tarball="$state/pack/$(npm pack --silent --pack-destination "$state/pack" | tail -n 1)"

export N8N_USER_FOLDER="$state/n8n"
export N8N_ENCRYPTION_KEY="teamviewer-sandbox-encryption-key-01"
export DB_TYPE=sqlite N8N_PORT N8N_RUNNERS_BROKER_PORT="${N8N_RUNNERS_BROKER_PORT:-5679}"
export N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1 N8N_SECURE_COOKIE=false
export N8N_DIAGNOSTICS_ENABLED=false N8N_PERSONALIZATION_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false
export N8N_TEMPLATES_ENABLED=false N8N_HIRING_BANNER_ENABLED=false N8N_DISABLED_MODULES=mcp-registry
export N8N_VERIFIED_PACKAGES_ENABLED=false N8N_UNVERIFIED_PACKAGES_ENABLED=true N8N_SSRF_PROTECTION_ENABLED=false
export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true
n8n() { PATH="$NODE24_BIN:$PATH" node "$N8N_DIR/node_modules/n8n/bin/n8n" "$@"; }

# Every n8n process (main and each queue-mode worker) needs the pack in its own user folder.
install_pack() {
	local folder=$1 package_dir="$1/.n8n/nodes/node_modules/n8n-nodes-teamviewer"
	rm -rf "$package_dir" && mkdir -p "$package_dir"
	tar -xzf "$tarball" --strip-components=1 -C "$package_dir"
	echo "{\"name\":\"installed-nodes\",\"private\":true,\"dependencies\":{\"n8n-nodes-teamviewer\":\"$version\"}}" \
		> "$folder/.n8n/nodes/package.json"
}
version=$(node -p "require('./package.json').version")
say "installing the pack into $N8N_USER_FOLDER/.n8n/nodes (community-package layout)"
install_pack "$N8N_USER_FOLDER"

pids=()
stop() {
	trap - INT TERM EXIT
	say "stopping"
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	if $queue; then bash scripts/queue-services.sh stop "$state/queue"; fi
}
trap stop INT TERM EXIT

if $queue; then
	say "starting PostgreSQL and Redis for queue mode (data in .sandbox/queue)"
	eval "$(bash scripts/queue-services.sh start "$state/queue")"
	export DB_TYPE=postgresdb DB_POSTGRESDB_HOST=127.0.0.1 DB_POSTGRESDB_PORT="$QUEUE_PG_PORT" DB_POSTGRESDB_DATABASE=n8n
	export DB_POSTGRESDB_USER=postgres DB_POSTGRESDB_PASSWORD=
	export EXECUTIONS_MODE=queue QUEUE_BULL_REDIS_HOST=127.0.0.1 QUEUE_BULL_REDIS_PORT="$QUEUE_REDIS_PORT"
	export OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true
fi

say "starting the TeamViewer sandbox on 127.0.0.1:$SANDBOX_PORT"
npx ts-node --transpile-only test/simulators/teamviewer/cli.ts --port "$SANDBOX_PORT" > "$state/sandbox.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do grep -q '"ready":true' "$state/sandbox.log" 2>/dev/null && break; sleep 0.1; done
ready=$(grep '"ready":true' "$state/sandbox.log") || { cat "$state/sandbox.log"; exit 1; }
field() { node -e "const r=JSON.parse(process.argv[1]); console.log($1)" "$ready"; }
api_url=$(field r.apiUrl)

webhook_secret="sandbox-webhook-secret"
cat > "$state/import/credentials.json" <<JSON
[
  {"id": "tvSandboxToken01", "name": "TeamViewer Sandbox", "type": "teamViewerApi",
   "data": {"accessToken": "$(field r.tokens.admin)", "apiBaseUrl": "$api_url"}},
  {"id": "tvSandboxOAuth01", "name": "TeamViewer Sandbox (OAuth2)", "type": "teamViewerOAuth2Api",
   "data": {"clientId": "$(field r.oauthClient.clientId)", "clientSecret": "$(field r.oauthClient.clientSecret)", "apiBaseUrl": "$api_url"}},
  {"id": "tvWebhookSecret1", "name": "Ticket webhook secret", "type": "httpHeaderAuth",
   "data": {"name": "X-Webhook-Secret", "value": "$webhook_secret"}}
]
JSON
rm -f "$state"/import/workflows/*.json
find workflows -name '*.json' | while read -r file; do
	cp "$file" "$state/import/workflows/$(echo "$file" | tr '/' '_')"
done
say "importing credentials and $(ls "$state/import/workflows" | wc -l) workflows"
n8n import:credentials --input="$state/import/credentials.json" >/dev/null
n8n import:workflow --separate --input="$state/import/workflows" >/dev/null
n8n publish:workflow --id=tvTicketWebhook01 >/dev/null

say "starting n8n on http://127.0.0.1:$N8N_PORT"
n8n start > "$state/n8n.log" 2>&1 &
pids+=($!)
if $queue; then
	for i in 1 2; do
		install_pack "$state/worker-$i"
		say "starting n8n worker $i (its own user folder .sandbox/worker-$i with its own copy of the pack)"
		N8N_USER_FOLDER="$state/worker-$i" N8N_RUNNERS_BROKER_PORT=$((N8N_PORT + 20 + i)) \
			QUEUE_HEALTH_CHECK_ACTIVE=true QUEUE_HEALTH_CHECK_PORT=$((N8N_PORT + 10 + i)) \
			n8n worker --concurrency=10 > "$state/worker-$i.log" 2>&1 &
		pids+=($!)
	done
fi
for _ in $(seq 1 900); do grep -q 'Editor is now accessible' "$state/n8n.log" 2>/dev/null && break; sleep 0.1; done
grep -q 'Editor is now accessible' "$state/n8n.log" || { tail -n 40 "$state/n8n.log"; exit 1; }
owner='{"email":"sandbox@example.com","firstName":"Sandbox","lastName":"Owner","password":"Sandbox-Passw0rd"}'
curl -s -o /dev/null -X POST -H 'content-type: application/json' -d "$owner" "http://127.0.0.1:$N8N_PORT/rest/owner/setup" || true

cat <<TEXT

  n8n with n8n-nodes-teamviewer:  http://127.0.0.1:$N8N_PORT
  sign in as                      sandbox@example.com / Sandbox-Passw0rd
  TeamViewer sandbox API:         $api_url   (credential "TeamViewer Sandbox")

  Try:
  - open "TeamViewer: tour of every resource" and click Execute workflow
  - open "TeamViewer: check an OAuth2 connection": in its credential click Connect my account, then run it
  - curl -X POST http://127.0.0.1:$N8N_PORT/webhook/teamviewer/ticket-session \\
      -H 'X-Webhook-Secret: $webhook_secret' -H 'Content-Type: application/json' \\
      -d '{"ticket":"INC0010042","requester":{"name":"Erika Muster","email":"erika@example.com"}}'

  Logs: .sandbox/n8n.log, .sandbox/sandbox.log$($queue && echo ", .sandbox/worker-1.log, .sandbox/worker-2.log"). Ctrl-C stops everything.
TEXT
if $queue; then
	echo "  Queue mode: main runs the triggers and webhooks, workers 1 and 2 run the executions;"
	echo "  PostgreSQL on 127.0.0.1:$QUEUE_PG_PORT, Redis on 127.0.0.1:$QUEUE_REDIS_PORT (data in .sandbox/queue)."
fi
wait -n "${pids[@]}"
