#!/usr/bin/env bash
# One command for the benchmark: see bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
dotnet build -c Release -v quiet bench/Solifyn.Bench >/dev/null
out=()
[[ " $* " == *" --out "* ]] || [[ " $* " == *" --smoke "* ]] || out=(--out "$PWD/BENCHMARKS.md")
dotnet bench/Solifyn.Bench/bin/Release/net10.0/Solifyn.Bench.dll "${out[@]}" "$@"
