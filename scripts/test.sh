#!/usr/bin/env bash
# Full check, as CI runs it (`make test`, `.ci/run`):
#   1. install Python/npm packages and build assets (like `make setup`, no demo data)
#   2. make sure Chromium is there for the browser tests
#   3. ruff check + ruff format --check
#   4. pytest on SQLite (DATABASE_URL unset)
#   5. pytest on PostgreSQL (DATABASE_URL set), see find_postgres below
# Arguments are passed to both pytest runs: scripts/test.sh -k login -x
#
# Environment:
#   TEST_DATABASE_URL  PostgreSQL server to test against (the test database is
#                      created and dropped by Django; the server must allow that)
#   REQUIRE_POSTGRES=1 fail, rather than skip, when no PostgreSQL can be found
#                      or installed (set by .ci/run)
#   CHROMIUM_PATH      Chromium binary (default /usr/bin/chromium)
set -euo pipefail

cd "$(dirname "$0")/.."
PY=.venv/bin/python
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export CHROMIUM_PATH
failures=()

say() { printf '\n==> %s\n' "$*"; }
warn() { printf '\n!!!!!!!!!!\n!!! %s\n!!!!!!!!!!\n\n' "$*" >&2; }

# Run a command as root: directly, through sudo, or not at all.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "Need root for: $* (not root and no sudo)" >&2
        return 1
    fi
}

# Run a command as the postgres OS user (for psql over the local socket).
as_postgres() {
    if [ "$(id -un)" = postgres ]; then
        "$@"
    elif [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -u postgres "$@"
    else
        echo "Cannot run as the postgres user: $*" >&2
        return 1
    fi
}

apt_install() {
    command -v apt-get >/dev/null 2>&1 || { echo "apt-get not available" >&2; return 1; }
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

can_connect() { "$PY" scripts/wait_for_postgres.py "$1" --timeout "${2:-0}" 2>/dev/null; }

# Start (creating if needed) the Debian PostgreSQL cluster and print a URL
# for it. Debian's default pg_hba.conf wants a password over TCP, so a
# local-only test role with a password is created (or reset) through the
# postgres user's socket (peer authentication).
debian_cluster_url() {
    command -v pg_lsclusters >/dev/null 2>&1 || return 1
    local line version name port
    line="$(pg_lsclusters --no-header 2>/dev/null | head -n 1)"
    if [ -z "$line" ]; then
        version="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
        [ -n "$version" ] || return 1
        echo "Creating PostgreSQL $version cluster 'main'" >&2
        as_root pg_createcluster "$version" main >&2 || return 1
        line="$(pg_lsclusters --no-header | head -n 1)"
    fi
    read -r version name port _ <<<"$line"
    if ! pg_lsclusters --no-header | awk -v v="$version" -v n="$name" '$1==v && $2==n' | grep -q online; then
        echo "Starting PostgreSQL cluster $version/$name" >&2
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start >&2 || return 1
    fi
    local trust_url="postgres://postgres@127.0.0.1:$port/test"
    if can_connect "$trust_url" 20; then
        echo "$trust_url"
        return 0
    fi
    as_postgres psql -q -p "$port" -v ON_ERROR_STOP=1 -c "
        DO \$\$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pda_test') THEN
            CREATE ROLE pda_test LOGIN SUPERUSER PASSWORD 'pda_test';
          ELSE
            ALTER ROLE pda_test LOGIN SUPERUSER PASSWORD 'pda_test';
          END IF;
        END \$\$;" >&2 || return 1
    local role_url="postgres://pda_test:pda_test@127.0.0.1:$port/test"
    can_connect "$role_url" 20 || return 1
    echo "$role_url"
}

# Print the PostgreSQL URL to test against, or nothing.
find_postgres() {
    if [ -n "${TEST_DATABASE_URL:-}" ]; then
        echo "$TEST_DATABASE_URL"
        return
    fi
    local default_url="postgres://postgres@127.0.0.1:5432/test"
    if can_connect "$default_url"; then
        echo "$default_url"
        return
    fi
    if debian_cluster_url; then
        return
    fi
    if [ "${REQUIRE_POSTGRES:-}" = 1 ]; then
        echo "Installing PostgreSQL (REQUIRE_POSTGRES=1)" >&2
        if apt_install postgresql >&2; then
            debian_cluster_url || true
        fi
    fi
}

run_step() {
    local name="$1"
    shift
    say "$name"
    local status=0
    "$@" || status=$?
    if [ "$status" -eq 5 ]; then
        echo "pytest collected no tests (exit 5): counted as a failure" >&2
    fi
    if [ "$status" -ne 0 ]; then
        failures+=("$name (exit $status)")
    fi
}

# 1. Packages and assets.
say "Installing packages and building assets"
make --no-print-directory install

# 2. Chromium for the browser tests.
if [ ! -x "$CHROMIUM_PATH" ]; then
    say "Chromium not found at $CHROMIUM_PATH: installing it with apt-get"
    if ! apt_install chromium || [ ! -x "$CHROMIUM_PATH" ]; then
        warn "Could not install Chromium. Install it (apt-get install chromium) or set CHROMIUM_PATH; the browser tests cannot run without it."
        exit 1
    fi
fi

# 3. Lint.
run_step "ruff check" .venv/bin/ruff check .
run_step "ruff format --check" .venv/bin/ruff format --check .

# 4. SQLite.
run_step "pytest on SQLite" env -u DATABASE_URL "$PY" -m pytest "$@"

# 5. PostgreSQL.
say "Looking for PostgreSQL"
pg_url="$(find_postgres || true)"
if [ -n "$pg_url" ]; then
    echo "Using $(sed -E 's#(://[^:/@]+:)[^@]*@#\1***@#' <<<"$pg_url")"
    run_step "pytest on PostgreSQL" env DATABASE_URL="$pg_url" "$PY" -m pytest "$@"
elif [ "${REQUIRE_POSTGRES:-}" = 1 ]; then
    warn "PostgreSQL not available and REQUIRE_POSTGRES=1: set TEST_DATABASE_URL, or install PostgreSQL (apt-get install postgresql)."
    failures+=("PostgreSQL not available")
else
    warn "PostgreSQL not available: skipped the PostgreSQL run (set TEST_DATABASE_URL, or REQUIRE_POSTGRES=1 to install it)."
fi

echo
if [ "${#failures[@]}" -gt 0 ]; then
    echo "FAILED:"
    printf '  - %s\n' "${failures[@]}"
    exit 1
fi
echo "All checks passed."
