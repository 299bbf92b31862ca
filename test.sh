#!/usr/bin/env bash
# Set everything up (LibreOffice included) and run the linter and the tests.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh test
if ! command -v soffice >/dev/null 2>&1; then
  echo "Installerer LibreOffice (brukes av testene for rundtur- og PDF-tester) ..."
  packages="libreoffice-writer-nogui libreoffice-calc-nogui"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
  elif sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
  else
    echo "LibreOffice mangler, og jeg har ikke rettigheter til å installere det." >&2
    echo "Be IT installere: apt-get install $packages" >&2
    exit 1
  fi
fi
.venv/bin/ruff check fpdocs tests bench
exec .venv/bin/pytest "$@"
