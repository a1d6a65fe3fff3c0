#!/usr/bin/env bash
# The start command (npm start): a real n8n with this pack installed as a community package, on
# SQLite, next to a sandbox of everything the shipped flows talk to (TeamViewer, ServiceNow, ServiceDesk
# Plus, Cherwell, Matrix42, BOSSDesk, an SMTP capture, a Twilio SMS sink), with ready-made credentials,
# every workflow in workflows/ (published: the ones with a webhook, schedule or TeamViewer trigger and the
# settings sub-workflows they call), and the sandbox console: a web page showing the emails, texts,
# tickets and service cases as the flows run, with the ITSMs' buttons.
#
#   npm start                   start the sandbox; the first start creates it (imports credentials and flows)
#   npm start -- --reset        throw the sandbox's n8n data away (flows, credentials, executions, OAuth2
#                               connection, login) and create it again from the files in the repository
#   npm run start:queue         n8n's queue mode instead: PostgreSQL and Redis from Debian's packages, run by
#                               this script on their own ports with their data in .sandbox/queue, then n8n main
#                               and two `n8n worker` processes, each with its own user folder and copy of the pack
#
# A sandbox is created once. Later starts never import over it: what you change in the editor (flows,
# credentials, an OAuth2 connection) stays. A flow file added to workflows/ since then is imported if the
# sandbox has never had it; a flow you deleted stays deleted.
#
# Environment (defaults away from n8n's own 5678/5679, so a local n8n can run next to the sandbox):
#   N8N_PORT=5700                 the editor and webhooks (queue-mode workers also use N8N_PORT+11.. and +21..)
#   N8N_RUNNERS_BROKER_PORT=5701  n8n's task-runner broker
#   SANDBOX_PORT=8765             the TeamViewer sandbox (default: the port the sandbox was created with);
#                                 its SMTP capture listens on SANDBOX_PORT+1, the scripted OpenAI-compatible
#                                 model of the AI helpdesk agent on SANDBOX_PORT+2
#   SANDBOX_CONSOLE_PORT=5702     the sandbox console (a web page)
#   SANDBOX_STATE_DIR=.sandbox    where the sandbox keeps its n8n data and logs (tests use a temporary one)
# Every port is checked before anything is built or installed. Ctrl-C, SIGTERM, or any part dying stops
# every process this script started.
set -euo pipefail

queue=false
reset=false
for arg in "$@"; do
	case "$arg" in
		--queue) queue=true ;;
		--reset) reset=true ;;
		-h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
		*) echo "unknown option $arg (known: --queue, --reset)" >&2; exit 2 ;;
	esac
done
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
state=$(mkdir -p "${SANDBOX_STATE_DIR:-$root/.sandbox}" && cd "${SANDBOX_STATE_DIR:-$root/.sandbox}" && pwd)
N8N_PORT="${N8N_PORT:-5700}"
N8N_RUNNERS_BROKER_PORT="${N8N_RUNNERS_BROKER_PORT:-5701}"
sandbox_port_from_env=${SANDBOX_PORT:-}
SANDBOX_PORT="${SANDBOX_PORT:-8765}"
SANDBOX_CONSOLE_PORT="${SANDBOX_CONSOLE_PORT:-5702}"
started=$SECONDS

say() { printf '\033[1m[start]\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31m[start]\033[0m %s\n' "$*" >&2; exit 1; }
# Paths in messages: relative to the repository when inside it.
shown() { case "$1" in "$root"/*) echo "${1#"$root"/}" ;; *) echo "$1" ;; esac; }

# ---------------------------------------------------------------------------------------------------
# Ports: every port a process of the sandbox listens on, checked before any install or build.

# Prints "PORT ENV_VAR WHAT" lines. Simulators added to the sandbox add their ports here.
sandbox_ports() {
	echo "$N8N_PORT N8N_PORT n8n (editor and webhooks)"
	echo "$N8N_RUNNERS_BROKER_PORT N8N_RUNNERS_BROKER_PORT n8n's task-runner broker"
	echo "$SANDBOX_PORT SANDBOX_PORT the TeamViewer sandbox"
	echo "$((SANDBOX_PORT + 1)) SANDBOX_PORT the sandbox's SMTP capture (SANDBOX_PORT+1)"
	echo "$((SANDBOX_PORT + 2)) SANDBOX_PORT the sandbox's OpenAI-compatible model (SANDBOX_PORT+2)"
	echo "$SANDBOX_CONSOLE_PORT SANDBOX_CONSOLE_PORT the sandbox console"
	if $queue; then
		local i
		for i in 1 2; do
			echo "$((N8N_PORT + 10 + i)) N8N_PORT worker $i's health check (N8N_PORT+$((10 + i)))"
			echo "$((N8N_PORT + 20 + i)) N8N_PORT worker $i's task-runner broker (N8N_PORT+$((20 + i)))"
		done
		[ -z "${QUEUE_PG_PORT:-}" ] || echo "$QUEUE_PG_PORT QUEUE_PG_PORT PostgreSQL"
		[ -z "${QUEUE_REDIS_PORT:-}" ] || echo "$QUEUE_REDIS_PORT QUEUE_REDIS_PORT Redis"
	fi
}

check_ports() {
	local problems
	problems=$(sandbox_ports | node -e '
		const net = require("net");
		const lines = require("fs").readFileSync(0, "utf8").trim().split("\n").map((line) => {
			const [port, variable, ...what] = line.split(" ");
			return { port: Number(port), variable, what: what.join(" ") };
		});
		const seen = new Map();
		const problems = [];
		for (const entry of lines) {
			if (!Number.isInteger(entry.port) || entry.port < 1 || entry.port > 65535) {
				problems.push(`${entry.variable}=${entry.port} is not a port number`);
			} else if (seen.has(entry.port)) {
				problems.push(`port ${entry.port} is given to both ${seen.get(entry.port)} and ${entry.what}: set ${entry.variable} to another port`);
			}
			seen.set(entry.port, entry.what);
		}
		const busy = (entry) => new Promise((resolve) => {
			const server = net.createServer();
			server.once("error", (error) => resolve(error.code === "EADDRINUSE" || error.code === "EACCES" ? error.code : undefined));
			server.listen(entry.port, "127.0.0.1", () => server.close(() => resolve(undefined)));
		});
		(async () => {
			for (const entry of lines) {
				if (!Number.isInteger(entry.port) || entry.port < 1 || entry.port > 65535) continue;
				const code = await busy(entry);
				if (code === "EADDRINUSE") problems.push(`port ${entry.port} (${entry.what}) is in use: stop what uses it (is a sandbox already running?) or set ${entry.variable} to a free port, e.g. ${entry.variable}=${entry.port + 100} npm start`);
				if (code === "EACCES") problems.push(`port ${entry.port} (${entry.what}) may not be opened by this user: set ${entry.variable} to a port above 1024`);
			}
			console.log(problems.join("\n"));
		})();
	')
	[ -z "$problems" ] || fail "$problems"
}

# ---------------------------------------------------------------------------------------------------
# Processes: each long-running one in its own process group, so stopping it stops its children too
# (n8n's task runners, ts-node). Names and pids in two parallel arrays.

names=()
pids=()
logs=()

# background NAME LOG COMMAND...: starts COMMAND in its own process group with its output in LOG.
background() {
	local name=$1 log=$2
	shift 2
	setsid "$@" >"$log" 2>&1 < /dev/null 9>&- &
	names+=("$name")
	pids+=($!)
	logs+=("$log")
}

forget() { # forget PID: a process that ended as it should (an install) is no longer stopped or watched
	local i
	for i in "${!pids[@]}"; do [ "${pids[$i]}" != "$1" ] || unset 'pids[i]' 'names[i]' 'logs[i]'; done
	pids=("${pids[@]}") && names=("${names[@]}") && logs=("${logs[@]}")
}

stop_group() { # stop_group PID: SIGTERM to its process group, SIGKILL after 15 s
	local pid=$1 _
	kill -TERM -- "-$pid" 2>/dev/null || return 0
	for _ in $(seq 1 150); do kill -0 -- "-$pid" 2>/dev/null || return 0; sleep 0.1; done
	kill -KILL -- "-$pid" 2>/dev/null || true
}

stop() {
	local status=${1:-$?}
	trap - INT TERM HUP EXIT
	if [ "${#pids[@]}" -gt 0 ] || $queue; then say "stopping"; fi
	local i
	[ -z "${tick:-}" ] || kill "$tick" 2>/dev/null || true
	# In reverse: n8n before the simulators it calls.
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_group "${pids[$i]}" & done
	wait 2>/dev/null || true
	rm -f "$state/import/credentials.json"
	if $queue && [ -n "${QUEUE_REDIS_PID:-}" ]; then bash scripts/queue-services.sh stop "$state/queue" 9>&-; fi
	exit "$status"
}
trap 'stop 130' INT
trap 'stop 143' TERM
trap 'stop 129' HUP
trap 'stop' EXIT

# Fails (with a message) when one of the started processes has ended.
check_alive() {
	local i
	for i in "${!pids[@]}"; do
		if ! kill -0 "${pids[$i]}" 2>/dev/null; then
			local code=0
			wait "${pids[$i]}" 2>/dev/null || code=$?
			fail "${names[$i]} stopped (exit code $code); stopping everything else. Its log: $(shown "${logs[$i]}")"
		fi
	done
}

# wait_for_line LOG PATTERN SECONDS WHAT: waits until LOG has PATTERN, failing when a process dies.
wait_for_line() {
	local log=$1 pattern=$2 tenths=$(($3 * 10)) what=$4 _
	for _ in $(seq 1 "$tenths"); do
		grep -q "$pattern" "$log" 2>/dev/null && return 0
		check_alive
		sleep 0.1
	done
	tail -n 40 "$log" >&2 || true
	fail "$what did not start within $3 s (log: $(shown "$log"))"
}

# ---------------------------------------------------------------------------------------------------
# Install and build.

install_dev_dependencies() {
	[ ! -x node_modules/.bin/n8n-node ] || [ ! -x node_modules/.bin/ts-node ] || return 0
	say "installing the project's dev dependencies into node_modules (first start only: 1 minute with npm's cache warm, up to 3 without; log: $(shown "$state/npm-install.log"))"
	# --loglevel=error hides npm's "EBADENGINE" notice: isolated-vm, which n8n's packages pull in for the tests,
	# asks for Node 24. Its install script never runs (.npmrc) and nothing here uses it on this Node: n8n itself
	# runs on the Node 24 of the runtime cache. Errors still show.
	background "npm install" "$state/npm-install.log" npm install --no-audit --no-fund --loglevel=error
	local pid=${pids[-1]} waited=0 code=0
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		waited=$((waited + 1))
		[ $((waited % 30)) -ne 0 ] || say "  … still installing ($waited s)"
	done
	wait "$pid" || code=$?
	forget "$pid"
	[ "$code" = 0 ] || { tail -n 30 "$state/npm-install.log" >&2; fail "npm install failed (exit code $code)"; }
	say "  dev dependencies installed in $waited s"
}

# Builds and packs the pack unless the last tarball is newer than every source of it.
build_pack() {
	mkdir -p "$state/pack"
	tarball=$(ls -t "$state"/pack/*.tgz 2>/dev/null | head -n 1 || true)
	if [ -n "$tarball" ] && [ -z "$(find nodes credentials icons package.json tsconfig.json -newer "$tarball" -print -quit)" ]; then
		say "the pack is up to date ($(shown "$tarball"))"
		return 0
	fi
	say "building the pack"
	npx n8n-node build >/dev/null
	rm -f "$state"/pack/*.tgz
	tarball="$state/pack/$(npm pack --silent --pack-destination "$state/pack" | tail -n 1)"
}

# Every n8n process (main and each queue-mode worker) needs the pack in its own user folder.
install_pack() {
	local folder=$1 package_dir="$1/.n8n/nodes/node_modules/n8n-nodes-teamviewer"
	rm -rf "$package_dir" && mkdir -p "$package_dir"
	tar -xzf "$tarball" --strip-components=1 -C "$package_dir"
	echo "{\"name\":\"installed-nodes\",\"private\":true,\"dependencies\":{\"n8n-nodes-teamviewer\":\"$version\"}}" \
		> "$folder/.n8n/nodes/package.json"
}

# ---------------------------------------------------------------------------------------------------
# The sandbox's n8n data: created once, then left to the user.

# The database of the mode: SQLite in the user folder, or PostgreSQL in .sandbox/queue. The marker sits
# next to it and lists what was imported, so a later start imports only what is new.
data_dirs() { if $queue; then echo "$state/queue"; else echo "$state/n8n"; fi; }
marker() { echo "$(data_dirs)/sandbox-imported"; }
has_database() { if $queue; then [ -f "$state/queue/pgdata/PG_VERSION" ]; else [ -f "$state/n8n/.n8n/database.sqlite" ]; fi; }

reset_sandbox() {
	say "removing the sandbox's n8n data ($(shown "$(data_dirs)")$($queue && echo ", $(shown "$state")/worker-*")) to create it again"
	if $queue; then bash scripts/queue-services.sh stop "$state/queue" 9>&-; rm -rf "$state"/worker-*; fi
	rm -rf "$(data_dirs)"
}

# "ID FILE" for every workflow file in workflows/.
workflow_files() {
	find workflows -name '*.json' | sort | node -e '
		const fs = require("fs");
		for (const file of fs.readFileSync(0, "utf8").split("\n").filter(Boolean)) {
			const id = JSON.parse(fs.readFileSync(file, "utf8")).id;
			if (id) console.log(`${id} ${file}`);
		}'
}

# Sets `sandbox` to new (nothing imported yet) or existing, and `new_workflows` to the "ID FILE" lines
# of flows this sandbox has never had.
inspect_sandbox() {
	local all
	all=$(workflow_files)
	if [ -f "$(marker).partial" ]; then
		say "the start that created this sandbox did not finish: creating it again"
		reset_sandbox
	fi
	if [ ! -f "$(marker)" ] && has_database; then
		# Made by an earlier start.sh, which imported everything on every start: keep it as it is.
		say "found a sandbox made before import markers existed: keeping it as it is (npm start -- --reset starts over)"
		{ echo "created unknown (kept as found)"; echo "sandbox_port $SANDBOX_PORT"; sed 's/^/workflow /' <<<"$all"; } > "$(marker)"
	fi
	if [ ! -f "$(marker)" ]; then
		sandbox=new
		new_workflows=$all
		return
	fi
	sandbox=existing
	new_workflows=$(while read -r id file; do
		grep -q "^workflow $id " "$(marker)" || echo "$id $file"
	done <<<"$all")
}

# The sandbox's credentials call the TeamViewer sandbox on the port it had when the sandbox was created:
# without SANDBOX_PORT, that port again.
created_sandbox_port() {
	$reset || [ ! -f "$(marker)" ] || sed -n 's/^sandbox_port //p' "$(marker)" | head -n 1
}
adopt_sandbox_port() {
	local created
	created=$(created_sandbox_port)
	[ -n "$created" ] && [ "$created" != "$SANDBOX_PORT" ] || return 0
	if [ -z "$sandbox_port_from_env" ]; then
		SANDBOX_PORT=$created
	else
		say "note: this sandbox's credentials call the TeamViewer sandbox on port $created, SANDBOX_PORT is $SANDBOX_PORT:"
		say "      change their API Base URL in the editor, or start over with npm start -- --reset"
	fi
}

# n8n's CLI on Node 24 from the runtime cache; env keeps PATH for n8n's own child processes.
n8n() { env PATH="$NODE24_BIN:$PATH" node "$N8N_DIR/node_modules/n8n/bin/n8n" "$@"; }

# import_credentials MARKER: imports the credentials (written by the sandbox, one for each credential the
# shipped flows name) this sandbox has never had, and lists them in MARKER. A sandbox made before the
# marker listed credentials had the three TeamViewer ones: those are never imported over.
import_credentials() {
	local file="$state/import/credentials.json" count
	[ -f "$file" ] || fail "the sandbox did not write its credentials ($(shown "$file"))"
	count=$(node -e '
		const fs = require("fs");
		const [file, marker, fresh] = process.argv.slice(1);
		const lines = fresh === "new" ? [] : fs.readFileSync(marker, "utf8").split("\n");
		const had = new Set(lines.filter((line) => line.startsWith("credential ")).map((line) => line.slice(11).trim()));
		if (fresh !== "new" && had.size === 0) for (const id of ["tvSandboxOAuth01", "tvWebhookSecret1", "tvSandboxToken01"]) had.add(id);
		const all = JSON.parse(fs.readFileSync(file, "utf8"));
		const missing = all.filter((credential) => !had.has(credential.id));
		fs.writeFileSync(file, JSON.stringify(missing), { mode: 0o600 });
		fs.appendFileSync(marker, [...had].filter((id) => fresh !== "new" && !lines.includes(`credential ${id}`)).concat(missing.map((c) => c.id)).map((id) => `credential ${id}\n`).join(""));
		console.log(missing.length);' "$file" "$1" "$sandbox")
	if [ "$count" -gt 0 ]; then
		if [ "$sandbox" = new ]; then say "importing $count credentials (TeamViewer, each ITSM, SMTP, Twilio)"; else say "importing $count credential(s) this sandbox never had"; fi
		n8n import:credentials --input="$file" >/dev/null
	fi
	rm -f "$file"
}

# import_workflows MARKER: imports the flows this sandbox has never had and lists them in MARKER.
import_workflows() {
	[ -n "$new_workflows" ] || return 0
	local dir="$state/import/workflows" count id file
	rm -rf "$dir" && mkdir -p "$dir"
	while read -r id file; do cp "$file" "$dir/$(echo "$file" | tr '/' '_')"; done <<<"$new_workflows"
	count=$(wc -l <<<"$new_workflows")
	if [ "$sandbox" = new ]; then
		say "importing $count workflows"
	else
		say "importing $count workflow file(s) added to workflows/ since this sandbox was created: $(cut -d' ' -f2 <<<"$new_workflows" | tr '\n' ' ')"
	fi
	n8n import:workflow --separate --input="$dir" >/dev/null
	sed 's/^/workflow /' <<<"$new_workflows" >> "$1"
}

# publish_workflows MARKER: once n8n is up, publishes (through its REST API, as the editor's Publish
# button does) every flow with a webhook, schedule or TeamViewer trigger, and first the settings
# sub-workflows they call, that this sandbox has never published, and lists it in MARKER; a flow you
# unpublish stays unpublished. A sandbox made before the
# marker listed published flows had only the ticket webhook flow published.
publish_workflows() {
	if ! grep -q '^published ' "$1" && [ "$sandbox" = existing ]; then echo "published tvTicketWebhook01" >> "$1"; fi
	SANDBOX_OWNER=$owner node scripts/sandbox-publish.mjs "http://127.0.0.1:$N8N_PORT" "$1" workflows
}

# The TeamViewer sandbox keeps its data in memory and starts from the same seed each time, so it has
# forgotten the tokens it gave n8n for an OAuth2 connection made in the editor. Reading the stored
# access token (never printed) and handing it back to the sandbox keeps that connection working.
read_oauth_connection() {
	oauth_access_token=$(n8n export:credentials --id=tvSandboxOAuth01 --decrypted 2>/dev/null | node -e '
		const text = require("fs").readFileSync(0, "utf8");
		try {
			const [credential] = JSON.parse(text.slice(text.indexOf("[")));
			process.stdout.write(credential?.data?.oauthTokenData?.access_token ?? "");
		} catch {}' || true)
}

restore_oauth_connection() {
	[ -n "${oauth_access_token:-}" ] || return 0
	SANDBOX_ADMIN_TOKEN=$(field r.tokens.admin) SANDBOX_OAUTH_TOKEN=$oauth_access_token node -e '
		const [apiUrl, url] = process.argv.slice(1);
		const admin = process.env.SANDBOX_ADMIN_TOKEN;
		const token = process.env.SANDBOX_OAUTH_TOKEN;
		(async () => {
			const account = await (await fetch(`${apiUrl}/account`, { headers: { authorization: `Bearer ${admin}` } })).json();
			const response = await fetch(`${url}/__tokens`, {
				method: "POST",
				headers: { "content-type": "application/json" },
				body: JSON.stringify({ token, userId: account.userid, permissions: "all" }),
			});
			if (!response.ok) process.exit(1);
		})().catch(() => process.exit(1));' "$api_url" "$sim_url" \
		&& say "the OAuth2 connection made in the editor is kept (the TeamViewer sandbox accepts its token again)" \
		|| say "note: could not hand the OAuth2 connection back to the TeamViewer sandbox; press Connect in the credential again"
	oauth_access_token=
}

# ---------------------------------------------------------------------------------------------------
# Simulators: the one place where the sandbox's stand-ins for outside services are started.

start_simulators() {
	say "starting the sandbox: TeamViewer on 127.0.0.1:$SANDBOX_PORT, ServiceNow, ServiceDesk Plus, Cherwell, Matrix42, BOSSDesk, SMTP, SMS, an OpenAI-compatible model"
	mkdir -p "$state/import"
	background "the sandbox" "$state/sandbox.log" node_modules/.bin/ts-node --transpile-only test/simulators/sandbox/cli.ts \
		--port "$SANDBOX_PORT" --smtp-port "$((SANDBOX_PORT + 1))" --openai-port "$((SANDBOX_PORT + 2))" --console-port "$SANDBOX_CONSOLE_PORT" \
		--n8n-url "http://127.0.0.1:$N8N_PORT" --credentials "$state/import/credentials.json"
}

wait_for_simulators() {
	wait_for_line "$state/sandbox.log" '"ready":true' 90 "the sandbox"
	ready=$(grep '"ready":true' "$state/sandbox.log")
	api_url=$(field r.apiUrl)
	sim_url=$(field r.url)
	console_url=$(field r.consoleUrl)
	# n8n's HTTPS calls to the ITSMs' cloud hosts and to Twilio go through the sandbox's proxy, which
	# hands them to the simulators; it never connects out. n8n trusts the proxy's own CA.
	eval "$(field 'Object.entries(r.env).map(([k, v]) => `export ${k}=${JSON.stringify(v)}`).join("\n")')"
}
field() { node -e "const r=JSON.parse(process.argv[1]); console.log($1)" "$ready"; }

# ---------------------------------------------------------------------------------------------------

adopt_sandbox_port
check_ports
exec 9>"$state/.lock"
flock -n 9 || fail "another npm start is using $(shown "$state"); stop it first"

eval "$(bash scripts/runtime.sh)"
install_dev_dependencies
build_pack
version=$(node -p "require('./package.json').version")

export N8N_USER_FOLDER="$state/n8n"
export N8N_ENCRYPTION_KEY="teamviewer-sandbox-encryption-key-01"
export DB_TYPE=sqlite N8N_PORT N8N_RUNNERS_BROKER_PORT
export N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1 N8N_SECURE_COOKIE=false
export N8N_DIAGNOSTICS_ENABLED=false N8N_PERSONALIZATION_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false
export N8N_TEMPLATES_ENABLED=false N8N_HIRING_BANNER_ENABLED=false N8N_DISABLED_MODULES=mcp-registry
export N8N_VERIFIED_PACKAGES_ENABLED=false N8N_UNVERIFIED_PACKAGES_ENABLED=true N8N_SSRF_PROTECTION_ENABLED=false
export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true

if $reset; then reset_sandbox; fi
mkdir -p "$N8N_USER_FOLDER"
inspect_sandbox
if $queue; then
	say "starting PostgreSQL and Redis for queue mode (data in $(shown "$state/queue"))"
	eval "$(bash scripts/queue-services.sh start "$state/queue" 9>&-)"
	export DB_TYPE=postgresdb DB_POSTGRESDB_HOST=127.0.0.1 DB_POSTGRESDB_PORT="$QUEUE_PG_PORT" DB_POSTGRESDB_DATABASE=n8n
	export DB_POSTGRESDB_USER=postgres DB_POSTGRESDB_PASSWORD=
	export EXECUTIONS_MODE=queue QUEUE_BULL_REDIS_HOST=127.0.0.1 QUEUE_BULL_REDIS_PORT="$QUEUE_REDIS_PORT"
	export OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true
fi
say "installing the pack into $(shown "$N8N_USER_FOLDER")/.n8n/nodes (community-package layout)"
install_pack "$N8N_USER_FOLDER"

start_simulators
if [ "$sandbox" = existing ]; then read_oauth_connection; fi
wait_for_simulators
if [ "$sandbox" = new ]; then
	printf 'created %s\nsandbox_port %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$SANDBOX_PORT" > "$(marker).partial"
	import_credentials "$(marker).partial"
	import_workflows "$(marker).partial"
	mv "$(marker).partial" "$(marker)"
else
	say "keeping this sandbox's flows, credentials and OAuth2 connection as they are (npm start -- --reset starts over)"
	restore_oauth_connection
	import_credentials "$(marker)"
	import_workflows "$(marker)"
fi

say "starting n8n on http://127.0.0.1:$N8N_PORT"
background "n8n" "$state/n8n.log" env PATH="$NODE24_BIN:$PATH" node "$N8N_DIR/node_modules/n8n/bin/n8n" start
if $queue; then
	for i in 1 2; do
		install_pack "$state/worker-$i"
		say "starting n8n worker $i (its own user folder $(shown "$state/worker-$i") with its own copy of the pack)"
		background "n8n worker $i" "$state/worker-$i.log" env N8N_USER_FOLDER="$state/worker-$i" \
			N8N_RUNNERS_BROKER_PORT=$((N8N_PORT + 20 + i)) QUEUE_HEALTH_CHECK_ACTIVE=true QUEUE_HEALTH_CHECK_PORT=$((N8N_PORT + 10 + i)) \
			PATH="$NODE24_BIN:$PATH" node "$N8N_DIR/node_modules/n8n/bin/n8n" worker --concurrency=10
	done
fi
wait_for_line "$state/n8n.log" 'Editor is now accessible' 120 "n8n"
owner='{"email":"sandbox@example.com","firstName":"Sandbox","lastName":"Owner","password":"Sandbox-Passw0rd"}'
curl -s -o /dev/null -X POST -H 'content-type: application/json' -d "$owner" "http://127.0.0.1:$N8N_PORT/rest/owner/setup" || true
publish_workflows "$(marker)"

cat <<TEXT

  n8n with n8n-nodes-teamviewer:  http://127.0.0.1:$N8N_PORT   (ready in $((SECONDS - started)) s)
  sign in as                      sandbox@example.com / Sandbox-Passw0rd
  sandbox console:                $console_url   (emails, texts, tickets, service cases; the ITSMs' buttons)
  TeamViewer sandbox API:         $api_url   (credential "TeamViewer")
  OpenAI-compatible model:        $(field r.openAiUrl)   (credential "OpenAI"; scripted, never calls OpenAI)

  Try:
  - open the sandbox console, pick ServiceNow and press "Remote support: email the customer" on an incident:
    the published flow creates the service case, the email appears on the left, the work note on the ticket
  - in the editor open any flow and click Execute workflow (a webhook flow then waits: set the console's
    "Buttons call" to the editor's test run and press the ITSM's button)
  - open "TeamViewer: tour of every resource" and click Execute workflow
  - open "TeamViewer: check an OAuth2 connection": open its credential, press Connect, then run it
  - chat with the AI helpdesk agent (login helpdesk / sandbox-agent-chat; its model is a local script):
    http://127.0.0.1:$N8N_PORT/webhook/9b3f6c2e-5d41-4a8e-b7c2-1f0e4d6a9c31/chat
    e.g. "start a support session for ticket INC0010042 and email the customer Erika Muster <erika@example.com>"

  Your changes in the editor are kept across restarts; npm start -- --reset starts over.
  Logs: $(shown "$state")/n8n.log, sandbox.log$($queue && echo ", worker-1.log, worker-2.log"). Ctrl-C stops everything.
TEXT
if $queue; then
	echo "  Queue mode: main runs the triggers and webhooks, workers 1 and 2 run the executions;"
	echo "  PostgreSQL on 127.0.0.1:$QUEUE_PG_PORT, Redis on 127.0.0.1:$QUEUE_REDIS_PORT (data in $(shown "$state/queue"))."
fi

# Runs until Ctrl-C or SIGTERM (the traps stop everything), until a part dies, or until the command that
# started it is gone (killed outright): every 2 s a look at the parent process.
parent=$PPID
parent_gone() {
	local ppid
	read -r _ _ _ ppid _ < /proc/$$/stat 2>/dev/null || return 1
	[ "$ppid" != "$parent" ]
}
while true; do
	sleep 2 &
	tick=$!
	wait -n "${pids[@]}" "$tick" 2>/dev/null || true
	check_alive
	! parent_gone || fail "the command that started the sandbox has ended"
done
