#!/usr/bin/env bash
# Runs every test. Needs only the .NET SDK: redis-server (for the integration tests, which start their own
# servers on free loopback ports) is installed from apt when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v redis-server >/dev/null 2>&1 && [ ! -x /usr/bin/redis-server ]; then
  echo "test.sh: installing redis-server (apt)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
fi

rm -rf TestResults
dotnet test Solifyn.Orleans.sln -c Release --logger "trx" --results-directory TestResults "$@"
