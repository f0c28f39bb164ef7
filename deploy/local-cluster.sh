#!/usr/bin/env bash
# A whole cluster on this machine, on loopback: a private redis-server (AOF on), two silo processes and one gateway
# in client mode on http://127.0.0.1:5080. Ctrl+C (or SIGTERM) stops everything, in order: the gateway, then the
# silos (SIGTERM, each stage waits up to STOP_TIMEOUT seconds for them to exit, then SIGKILL), and only then Redis
# (SHUTDOWN, which flushes the AOF), so no silo is left hanging on a Redis that is gone.
#
#   deploy/local-cluster.sh                    # one redis-server on 127.0.0.1:$REDIS_PORT
#   deploy/local-cluster.sh --redis-cluster    # a Redis Cluster instead: three primaries, no replicas, AOF on, on
#                                              # 127.0.0.1:$REDIS_PORT, +1, +2 (cluster bus ports +10000), and
#                                              # ConnectionStrings__Redis lists the three endpoints
#
# Redis Cluster mode is being brought up by issue 12: membership and single-record state work on it, but the
# licenses' multi-key writes are not yet slot-local, so most license creates answer 500 there until that lands.
# Environment: REDIS_PORT (default 6390), STOP_TIMEOUT (seconds, default 45), Solifyn__Bootstrap__ApiKey,
# Solifyn__Signing__MasterKey (seals the signing keys in Redis; default: a random one for this run, as the Redis data
# of a run is not kept either).
# Redis data is kept in a temporary directory whose path is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

redis_cluster=false
for a in "$@"; do
  case "$a" in
    --redis-cluster) redis_cluster=true ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "local-cluster.sh: unknown argument $a" >&2; exit 2 ;;
  esac
done

REDIS_PORT=${REDIS_PORT:-6390}
STOP_TIMEOUT=${STOP_TIMEOUT:-45}
API_KEY=${Solifyn__Bootstrap__ApiKey:-sk_test_local_cluster_0123456789}
redis_ports=("$REDIS_PORT")
$redis_cluster && redis_ports=("$REDIS_PORT" $((REDIS_PORT + 1)) $((REDIS_PORT + 2)))
data=$(mktemp -d)
gateway=()
silos=()
started_redis=()

# Sends SIGTERM to the given pids and waits up to STOP_TIMEOUT seconds for them to exit; SIGKILLs what is left.
stop_processes() {
  local what=$1; shift
  [ $# -gt 0 ] || return 0
  kill -TERM "$@" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT)) pid alive
  while :; do
    alive=()
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    [ ${#alive[@]} -eq 0 ] && { echo "stopped $what"; return 0; }
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$what still running after ${STOP_TIMEOUT}s: SIGKILL ${alive[*]}" >&2
      kill -KILL "${alive[@]}" 2>/dev/null || true
      return 0
    fi
    sleep 0.5
  done
}

stopping=false
cleanup() {
  $stopping && return; stopping=true
  echo "stopping the cluster"
  stop_processes gateway "${gateway[@]}"
  stop_processes silos "${silos[@]}"
  for p in "${started_redis[@]}"; do redis-cli -p "$p" shutdown >/dev/null 2>&1 || true; done
  [ ${#started_redis[@]} -eq 0 ] || echo "stopped Redis (data in $data)"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits up to $2 seconds for "$1" (a command) to succeed; fails the script with $3 otherwise.
wait_for() {
  local deadline=$((SECONDS + $2))
  until eval "$1" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "timed out after $2 s: $3" >&2; exit 1; }
    sleep 0.2
  done
}

for p in "${redis_ports[@]}"; do
  # Never adopt (and later shut down) a Redis someone else runs on that port.
  if redis-cli -p "$p" ping >/dev/null 2>&1; then echo "port $p already answers Redis: set REDIS_PORT to a free range" >&2; exit 1; fi
done
for p in "${redis_ports[@]}"; do
  dir="$data/$p"; mkdir -p "$dir"
  cluster_args=()
  $redis_cluster && cluster_args=(--cluster-enabled yes --cluster-config-file nodes.conf)
  redis-server --port "$p" --bind 127.0.0.1 --dir "$dir" --pidfile "$dir/redis.pid" --appendonly yes --appendfsync everysec \
    "${cluster_args[@]}" --daemonize yes >/dev/null
  started_redis+=("$p")
  wait_for "redis-cli -p $p ping | grep -q PONG" 20 "redis-server on port $p did not answer PING"
done
endpoints=$(printf '127.0.0.1:%s,' "${redis_ports[@]}"); endpoints=${endpoints%,}
if $redis_cluster; then
  # shellcheck disable=SC2046
  redis-cli --cluster create $(printf '127.0.0.1:%s ' "${redis_ports[@]}") --cluster-replicas 0 --cluster-yes >/dev/null
  for p in "${redis_ports[@]}"; do
    wait_for "redis-cli -p $p cluster info | grep -q 'cluster_state:ok'" 30 "the Redis Cluster is not ok on port $p"
  done
  echo "Redis Cluster: $endpoints"
fi

for project in src/Solifyn.Silo src/Solifyn.Gateway; do dotnet build -c Release -v quiet "$project" >/dev/null; done

export ConnectionStrings__Redis="$endpoints" Solifyn__Cluster__ServiceId=solifyn Solifyn__Cluster__ClusterId=local
# Both silos need the same master key (either may open a business's signing key).
export Solifyn__Signing__MasterKey="${Solifyn__Signing__MasterKey:-$(head -c 32 /dev/urandom | base64)}"
for i in 0 1; do
  Solifyn__Cluster__SiloPort=$((11111 + i)) Solifyn__Cluster__GatewayPort=$((30000 + i)) \
    dotnet src/Solifyn.Silo/bin/Release/net10.0/Solifyn.Silo.dll &
  silos+=($!)
done
Solifyn__Gateway__Mode=Client Solifyn__Bootstrap__BusinessId=biz_demo Solifyn__Bootstrap__ApiKey="$API_KEY" \
  ASPNETCORE_URLS=http://127.0.0.1:5080 dotnet src/Solifyn.Gateway/bin/Release/net10.0/Solifyn.Gateway.dll &
gateway+=($!)
echo "Gateway: http://127.0.0.1:5080  API key: $API_KEY  (Ctrl+C stops the cluster)"
wait
