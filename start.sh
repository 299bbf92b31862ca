#!/usr/bin/env bash
# Set everything up and run fpdocs: watch inbox/, write outbox/, keep state in var/.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh ""
exec .venv/bin/fpdocs watch "$@"
