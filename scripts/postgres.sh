#!/bin/sh
# A throwaway PostgreSQL server for the engine tests, from Debian's postgresql package.
#   scripts/postgres.sh start DIR PORT   initdb in DIR, listen on 127.0.0.1:PORT only, create the role
#                                        `boardpack` (password from BOARDPACK_TEST_PG_PASSWORD, CREATEDB)
#   scripts/postgres.sh stop DIR         stop it (the folder is left for the caller to remove)
# TCP logins need the password (scram-sha-256), so the tests exercise credentials from the environment.
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user.
set -eu
command=$1
dir=$2
port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || bin=$(dirname "$(command -v initdb)")

as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
start)
  : "${BOARDPACK_TEST_PG_PASSWORD:?set BOARDPACK_TEST_PG_PASSWORD to the password of the test role}"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
  as_server "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  printf "CREATE ROLE boardpack LOGIN CREATEDB PASSWORD '%s';\n" "$BOARDPACK_TEST_PG_PASSWORD" |
    as_server "$bin/psql" -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 >/dev/null
  ;;
stop)
  as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  ;;
*)
  echo "usage: $0 start DIR PORT | stop DIR" >&2
  exit 2
  ;;
esac
