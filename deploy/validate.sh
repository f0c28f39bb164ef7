#!/usr/bin/env bash
# Static validation of the deployment files; needs no Docker engine and no cluster.
#
#   bash deploy/validate.sh            # everything (1-3 minutes, almost all of it the three dotnet publishes)
#   bash deploy/validate.sh --fast     # without (c): compose + Kubernetes only, a few seconds
#
# (a) docker-compose.yml: `docker-compose config -q` with Debian's docker-compose 1.29 (installed from apt when
#     missing), with and without the tools and redis-cluster profiles; against the current Compose Specification
#     JSON schema (the format Compose v2 reads), and with `docker compose config` itself when Compose v2 is installed;
#     every build's Dockerfile exists.
# (b) deploy/kubernetes: every manifest against the Kubernetes OpenAPI schemas, unknown fields, kustomization
#     resources, cross-object references and the Orleans hosting requirements.
#     (a) and (b) use deploy/kubernetes/validate, a small node project installed with `npm ci`.
# (c) deploy/docker/Dockerfile.*: the build stages replayed without Docker (the same COPY layout and the same
#     `dotnet restore` / `dotnet publish` commands, into a temporary folder), and each ENTRYPOINT's dll checked in the
#     published output (deploy/docker/check-dockerfiles.mjs).
# The last line is a one-line summary; the exit code is non-zero when any part failed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

fast=false
for a in "$@"; do
  case "$a" in
    --fast) fast=true ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "validate.sh: unknown argument $a" >&2; exit 2 ;;
  esac
done

start=$(date +%s)
summary=()
failed=0
step() { echo; echo "== $*"; }
record() { # name status
  if [ "$2" -eq 0 ]; then summary+=("$1 OK"); else summary+=("$1 FAILED"); failed=1; fi
}
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

# ---------------------------------------------------------------------------------------------------------------
step "node project deploy/kubernetes/validate"
v=deploy/kubernetes/validate
node_status=0
if ! command -v node >/dev/null 2>&1; then
  echo "ERROR node is not installed"; node_status=1
elif [ ! -f "$v/node_modules/.package-lock.json" ] || [ "$v/package-lock.json" -nt "$v/node_modules/.package-lock.json" ]; then
  # npm ci only when node_modules is missing or older than the lock file.
  (cd "$v" && npm ci --no-audit --no-fund --loglevel=error) || { echo "ERROR npm ci failed in $v"; node_status=1; }
else
  echo "node_modules up to date"
fi

# ---------------------------------------------------------------------------------------------------------------
step "(a) docker-compose.yml"
compose_status=0
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "installing docker-compose (apt)"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq docker-compose; } >/dev/null \
    || { echo "ERROR could not install docker-compose from apt"; compose_status=1; }
fi
# The file requires a bootstrap API key (it has no default on purpose); any plausible value will do here.
export SOLIFYN_BOOTSTRAP_API_KEY="${SOLIFYN_BOOTSTRAP_API_KEY:-sk_test_validate_0123456789abcdef}"
export SOLIFYN_SIGNING_MASTER_KEY="${SOLIFYN_SIGNING_MASTER_KEY:-AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=}"
if [ "$compose_status" -eq 0 ]; then
  echo "docker-compose $(docker-compose version --short 2>/dev/null)"
  docker-compose -f docker-compose.yml config -q || compose_status=1
  docker-compose -f docker-compose.yml --profile tools config -q || compose_status=1
  docker-compose -f docker-compose.yml --profile redis-cluster config -q || compose_status=1
  # Every service's Dockerfile must exist (config does not check it).
  while read -r df; do
    [ -n "$df" ] || continue
    if [ -f "$df" ]; then echo "dockerfile $df exists"; else echo "ERROR dockerfile $df (docker-compose.yml) does not exist"; compose_status=1; fi
  done < <(docker-compose -f docker-compose.yml --profile tools config 2>/dev/null | sed -n 's/^ *dockerfile: *//p' | sort -u)
  [ "$compose_status" -eq 0 ] && echo "docker-compose.yml: OK with docker-compose 1.29"
fi
if [ "$node_status" -eq 0 ]; then
  node "$v/compose-schema.mjs" docker-compose.yml || compose_status=1
else
  compose_status=1
fi
if docker compose version >/dev/null 2>&1; then
  docker compose version
  docker compose -f docker-compose.yml --profile tools config -q || compose_status=1
else
  echo "note: Compose v2 (docker compose) is not installed here; the Compose Specification schema stands in for it"
fi
record compose "$compose_status"

# ---------------------------------------------------------------------------------------------------------------
step "(b) deploy/kubernetes"
k8s_status=0
if [ "$node_status" -eq 0 ]; then
  node "$v/validate.mjs" deploy/kubernetes || k8s_status=1
else
  k8s_status=1
fi
record kubernetes "$k8s_status"

# ---------------------------------------------------------------------------------------------------------------
if $fast; then
  summary+=("dockerfiles skipped (--fast)")
else
  step "(c) deploy/docker/Dockerfile.* (build stages replayed: dotnet restore + publish)"
  docker_status=0
  # MSBuild worker nodes exit with the build instead of lingering.
  MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    node deploy/docker/check-dockerfiles.mjs || docker_status=1
  record dockerfiles "$docker_status"
fi

# ---------------------------------------------------------------------------------------------------------------
elapsed=$(( $(date +%s) - start ))
parts="$(printf '%s, ' "${summary[@]}")"
verdict=PASSED
[ "$failed" -ne 0 ] && verdict=FAILED
echo
echo "deploy/validate.sh: $verdict (${parts%, }; ${elapsed}s)"
exit "$failed"
