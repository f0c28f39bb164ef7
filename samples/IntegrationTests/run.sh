#!/usr/bin/env bash
# Packs Solifyn.Client and Solifyn.Testing into artifacts/packages and runs this sample against them: restored from
# that folder as an integrator restores them from a feed, not through project references.
#   samples/IntegrationTests/run.sh [--no-build] [dotnet test options...]
#   --no-build   pack what an earlier Release build left (test.sh has just built the solution)
# Every run packs a version of its own (0.1.0-local.<time>.<pid>), so NuGet's global package cache can never hand
# the sample a stale copy of an earlier pack with the same version; that copy is removed from the cache afterwards.
set -uo pipefail
cd "$(dirname "$0")/../.."

pack_options=()
if [ "${1:-}" = "--no-build" ]; then pack_options+=(--no-build); shift; fi

prefix=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' Version.props)
suffix="local.$(date -u +%Y%m%d%H%M%S).$$"
version="$prefix-$suffix"
feed=artifacts/packages
mkdir -p "$feed"
rm -f "$feed"/Solifyn.*.nupkg "$feed"/Solifyn.*.snupkg

echo "== packing Solifyn.Client and Solifyn.Testing $version into $feed"
for project in src/Solifyn.Client src/Solifyn.Testing; do
  dotnet pack "$project" -c Release -o "$feed" --version-suffix "$suffix" "${pack_options[@]}" -v quiet -nologo || exit 1
done
ls -l "$feed"

echo "== samples/IntegrationTests against the packed packages"
dotnet test samples/IntegrationTests -c Release -p:SolifynPackageVersion="$version" "$@"
status=$?

cache=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
rm -rf "$cache/solifyn.client/$version" "$cache/solifyn.testing/$version"
rmdir "$cache/solifyn.client" "$cache/solifyn.testing" 2>/dev/null   # only when no other version is left
exit $status
