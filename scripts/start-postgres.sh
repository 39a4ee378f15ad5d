# Starts a throw-away PostgreSQL server for the tests and exports CHRONICLE_TEST_PG.
# Usage: source scripts/start-postgres.sh   (needs Debian's postgresql package)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pg_port=${CHRONICLE_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
pg_dir=$(mktemp -d /tmp/chronicle-pg.XXXXXX)
if [ -n "$pg_bin" ]; then
    chown postgres "$pg_dir" 2>/dev/null || true
    as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
    if as_pg "'$pg_bin/initdb' -D '$pg_dir/data' -A trust -U chronicle >'$pg_dir/initdb.log' 2>&1" \
        && as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/server.log' -w \
                  -o \"-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1\" start >/dev/null" \
        && as_pg "'$pg_bin/createdb' -h 127.0.0.1 -p $pg_port -U chronicle chronicle_test"; then
        export CHRONICLE_TEST_PG="postgresql://chronicle@127.0.0.1:$pg_port/chronicle_test"
        echo "PostgreSQL $(basename "$(dirname "$pg_bin")") running: $CHRONICLE_TEST_PG"
    else
        echo "PostgreSQL failed to start; logs in $pg_dir" >&2
        cat "$pg_dir"/*.log >&2 2>/dev/null || true
    fi
fi
