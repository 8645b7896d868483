#!/bin/sh
# One-shot job (temporalio/admin-tools image): creates Temporal's two PostgreSQL databases if they
# are missing and brings their schemas to the version this admin-tools image ships. Safe to re-run:
# setup-schema keeps an existing schema version and update-schema only applies newer versions.
#
# Environment: SQL_HOST, SQL_PORT (5432), SQL_USER, SQL_PASSWORD,
#              TEMPORAL_DB (temporal), TEMPORAL_VISIBILITY_DB (temporal_visibility)
set -eu

: "${SQL_HOST:?SQL_HOST is required}"
: "${SQL_USER:?SQL_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required}"
SQL_PORT="${SQL_PORT:-5432}"
SCHEMA_DIR=/etc/temporal/schema/postgresql/v12

# The password reaches temporal-sql-tool through SQL_PASSWORD, not the command line.
export SQL_PASSWORD
sql_tool() {
  temporal-sql-tool --plugin postgres12 --endpoint "$SQL_HOST" --port "$SQL_PORT" --user "$SQL_USER" "$@"
}

setup() { # database, schema folder
  echo "temporal-schema: $1"
  # `create` fails when the database exists already; setup-schema below fails if it really is missing.
  sql_tool --database "$1" create || echo "temporal-schema: database $1 not created (exists already?)"
  sql_tool --database "$1" setup-schema -v 0.0
  sql_tool --database "$1" update-schema -d "$SCHEMA_DIR/$2/versioned"
}

setup "${TEMPORAL_DB:-temporal}" temporal
setup "${TEMPORAL_VISIBILITY_DB:-temporal_visibility}" visibility
echo 'temporal-schema: done'
