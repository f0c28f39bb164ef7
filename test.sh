#!/usr/bin/env bash
# Runs every test and check. Needs only the .NET SDK: redis-server (integration tests start their own servers on
# free loopback ports), wrk (benchmark smoke test) and Node.js/npm (TypeScript SDK, OpenAPI lint, manifest validation)
# are installed from apt when missing.
#   1. dotnet test            the .NET suites (TRX in TestResults/); the webhook tests verify signatures with the npm
#                             standardwebhooks package (tests/webhook-verifier, installed by `npm ci` on first use),
#                             and the license-token tests verify tokens with npm jose (tests/token-verifier, the same way)
#   2. integration sample     packs Solifyn.Client and Solifyn.Testing, restores samples/IntegrationTests from that
#                             folder and runs it (TRX in TestResults/)
#   3. deploy/validate.sh     docker-compose config, Kubernetes manifests against the schemas, Dockerfile publishes
#   4. openapi lint           the committed OpenAPI document, Redocly's recommended rules
#   5. TypeScript SDK tests   against a real gateway (JUnit in sdk/typescript/test-results/)
# Every step runs even if an earlier one fails; the exit status is non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")"

need=()
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || need+=(redis-server)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]} (apt)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

rm -rf TestResults sdk/typescript/test-results
mkdir -p TestResults
failed=0
check() {   # check NAME COMMAND...: runs a whole-step check and records it as one result in TestResults/checks.txt
  local name=$1; shift
  echo "== $name"
  if "$@"; then echo "PASS $name" >> TestResults/checks.txt; else echo "FAIL $name" >> TestResults/checks.txt; failed=1; fi
}

dotnet test Solifyn.Orleans.sln -c Release --logger "trx" --results-directory TestResults "$@" || failed=1
# The packages as an integrator gets them: packed from what was just built, restored from a folder, not referenced.
bash samples/IntegrationTests/run.sh --no-build --logger "trx" --results-directory TestResults || failed=1
check "deployment files (compose, kubernetes, dockerfiles)" bash deploy/validate.sh
check "openapi lint" bash -c 'cd openapi && npm ci --no-audit --no-fund --loglevel=error && npm run --silent lint'
# Counted test by test from its JUnit report, not as one check.
(cd sdk/typescript && npm ci --no-audit --no-fund --loglevel=error && npm test) || failed=1
exit $failed
