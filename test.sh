#!/usr/bin/env bash
# Runs every test. Needs only the .NET SDK: redis-server (for the integration tests, which start their own
# servers on free loopback ports) and wrk (for the benchmark smoke test) are installed from apt when missing.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || need+=(redis-server)
command -v wrk >/dev/null 2>&1 || need+=(wrk)   # for the benchmark harness's smoke test
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]} (apt)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

rm -rf TestResults
dotnet test Solifyn.Orleans.sln -c Release --logger "trx" --results-directory TestResults "$@"
