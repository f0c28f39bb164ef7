#!/usr/bin/env bash
# A whole cluster on this machine, on loopback: a private redis-server (AOF on), two silo processes and one gateway
# in client mode on http://127.0.0.1:5080. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

REDIS_PORT=${REDIS_PORT:-6390}
API_KEY=${Solifyn__Bootstrap__ApiKey:-sk_test_local_cluster_0123456789}
data=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$data" --appendonly yes --appendfsync everysec --daemonize yes >/dev/null
for project in src/Solifyn.Silo src/Solifyn.Gateway; do dotnet build -c Release -v quiet "$project" >/dev/null; done

export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" Solifyn__Cluster__ServiceId=solifyn Solifyn__Cluster__ClusterId=local
for i in 0 1; do
  Solifyn__Cluster__SiloPort=$((11111 + i)) Solifyn__Cluster__GatewayPort=$((30000 + i)) \
    dotnet src/Solifyn.Silo/bin/Release/net10.0/Solifyn.Silo.dll &
  pids+=($!)
done
Solifyn__Gateway__Mode=Client Solifyn__Bootstrap__BusinessId=biz_demo Solifyn__Bootstrap__ApiKey="$API_KEY" \
  ASPNETCORE_URLS=http://127.0.0.1:5080 dotnet src/Solifyn.Gateway/bin/Release/net10.0/Solifyn.Gateway.dll &
pids+=($!)
echo "Gateway: http://127.0.0.1:5080  API key: $API_KEY  (Ctrl+C stops the cluster)"
wait
