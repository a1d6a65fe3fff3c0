#!/usr/bin/env bash
# Redis and PostgreSQL for n8n's queue mode, as processes this project owns (never system services).
#   scripts/queue-services.sh start DIR   install redis-server / postgresql from Debian when missing, start both
#                                          on free loopback ports with their data in DIR, print KEY=value lines
#                                          (QUEUE_REDIS_PORT, QUEUE_PG_PORT, QUEUE_REDIS_PID)
#   scripts/queue-services.sh stop DIR    stop both (fast shutdown); DIR stays
# PostgreSQL refuses to run as root, so it runs as the `postgres` user that Debian's package creates.
set -euo pipefail
action=${1:?start or stop}
dir=$(mkdir -p "${2:?data folder}" && cd "$2" && pwd)
log() { printf '[queue] %s\n' "$*" >&2; }

pg_bin=""
find_pg() { pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true); }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

stop() {
	find_pg
	if [ -f "$dir/redis.pid" ]; then kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; rm -f "$dir/redis.pid"; fi
	if [ -n "$pg_bin" ] && [ -f "$dir/pgdata/postmaster.pid" ]; then
		as_postgres "$pg_bin/pg_ctl" -D "$dir/pgdata" -m fast -w stop >/dev/null 2>&1 || true
	fi
}

if [ "$action" = stop ]; then stop; exit 0; fi
[ "$action" = start ] || { log "unknown action $action (start or stop)"; exit 2; }

find_pg
if ! command -v redis-server >/dev/null || [ -z "$pg_bin" ]; then
	log "installing redis-server and postgresql from Debian's packages"
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get update -qq && apt-get install -y -qq --no-install-recommends redis-server postgresql; } >"$dir/apt.log" 2>&1 \
		|| { tail -n 20 "$dir/apt.log" >&2; exit 1; }
	find_pg
	# Debian starts its own cluster and Redis as services; this project runs its own processes only.
	service redis-server stop >/dev/null 2>&1 || true
	service postgresql stop >/dev/null 2>&1 || true
fi

stop
redis_port=${QUEUE_REDIS_PORT:-$(free_port)}
pg_port=${QUEUE_PG_PORT:-$(free_port)}

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
	--pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir" >&2
for _ in $(seq 1 50); do [ -s "$dir/redis.pid" ] && break; sleep 0.1; done

if [ "$(id -u)" = 0 ]; then
	# The postgres user must reach DIR: open the path for traversal (x only) where it is closed.
	path_part=$dir
	while ! runuser -u postgres -- test -x "$dir" 2>/dev/null && [ "$path_part" != / ]; do
		chmod o+x "$path_part"
		path_part=$(dirname "$path_part")
	done
	chown postgres "$dir"
fi
if [ ! -f "$dir/pgdata/PG_VERSION" ]; then
	rm -rf "$dir/pgdata"
	as_postgres "$pg_bin/initdb" -D "$dir/pgdata" -U postgres --auth=trust >"$dir/initdb.log" 2>&1 \
		|| { cat "$dir/initdb.log" >&2; exit 1; }
fi
as_postgres "$pg_bin/pg_ctl" -D "$dir/pgdata" -l "$dir/postgres.log" -w \
	-o "-p $pg_port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
	|| { tail -n 20 "$dir/postgres.log" >&2; exit 1; }
psql_() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAq "$@"; }
[ "$(psql_ -c "select 1 from pg_database where datname = 'n8n'")" = 1 ] || psql_ -c 'create database n8n'

echo "QUEUE_REDIS_PORT=$redis_port"
echo "QUEUE_PG_PORT=$pg_port"
echo "QUEUE_REDIS_PID=$(cat "$dir/redis.pid")"
