#!/bin/sh
# One-shot job (temporalio/admin-tools image): waits until the Temporal frontend is SERVING,
# registers the namespace if it is missing, then the project's custom search attributes
# (workflows/src/search-attributes.ts). Re-running is a no-op; an attribute that exists with a
# different type fails the job.
#
# Environment: TEMPORAL_ADDRESS (host:port), TEMPORAL_NAMESPACE (default),
#              TEMPORAL_NAMESPACE_RETENTION (720h)
set -eu

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is required}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-720h}"
export TEMPORAL_ADDRESS

retry() { # attempts, command...
  attempts=$1
  shift
  n=1
  until "$@"; do
    if [ "$n" -ge "$attempts" ]; then
      echo "temporal-register: gave up after $attempts attempts: $*" >&2
      return 1
    fi
    n=$((n + 1))
    sleep 2
  done
}

serving() { temporal operator cluster health 2>/dev/null | grep -q SERVING; }

add_search_attributes() {
  if output=$(temporal operator search-attribute create --namespace "$NAMESPACE" \
    --name PipelineType --type Keyword \
    --name PipelineStage --type Keyword \
    --name DatasetVersion --type Keyword \
    --name ModelVersion --type Keyword 2>&1); then
    echo "$output"
    return 0
  fi
  echo "$output" >&2
  # A type clash will not go away by waiting.
  case "$output" in *"different type"*) exit 1 ;; esac
  return 1
}

echo "temporal-register: waiting for $TEMPORAL_ADDRESS"
retry 90 serving

if temporal operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "temporal-register: namespace $NAMESPACE exists"
else
  temporal operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION"
fi

# The new namespace reaches the server's caches asynchronously, so the first attempts may fail.
retry 30 add_search_attributes
echo 'temporal-register: done'
