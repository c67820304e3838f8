#!/usr/bin/env bash
# Short campaign over every target (what `make fuzz` runs): a thin wrapper
# around `bin/netfuzz fuzz`, which shows a live progress line per target and
# a summary, merges new inputs into out/corpus/<t>, and keeps crashes in
# out/crashes/<t>/ (timeouts and OOMs in out/timeouts/<t>/, out/ooms/<t>/).
#   ci/fuzz-all.sh SECONDS [TARGET...] [netfuzz fuzz options]
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}; shift || true
exec bin/netfuzz fuzz --seconds "$secs" "$@"
