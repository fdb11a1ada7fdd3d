#!/usr/bin/env bash
# The one test command: every test project in ImCsGen.sln (unit, generator, analyzers, emulator
# integration, packaging, Native AOT), in Release. Installs the Native AOT prerequisites (clang,
# zlib1g-dev) first when they are missing. Exits non-zero when anything fails.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

if ! "$root/eng/ensure-aot-prereqs.sh"; then
  echo "test.sh: Native AOT prerequisites are missing (see above); the AOT test will fail, the others still run." >&2
fi

# tests/ImCsGen.Redis.Tests start a real redis-server on loopback (issue 16): install Debian's when missing.
if ! command -v redis-server >/dev/null 2>&1 && [[ ! -x /usr/bin/redis-server ]] && command -v apt-get >/dev/null 2>&1; then
  as_root=()
  if [[ "$(id -u)" -ne 0 ]] && command -v sudo >/dev/null 2>&1; then as_root=(sudo -n); fi
  { "${as_root[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq redis-server >/dev/null; } \
    || echo "test.sh: could not install redis-server; the Redis tests will fail." >&2
fi

log="$(mktemp -t imcsgen-test.XXXXXX.log)"
trap 'rm -f "$log"' EXIT

# The 4-process Redis quota proof (issue 16) measures calls per second at the emulator, so it runs on its own after
# the rest: run beside the other test projects (dotnet test runs them in parallel on 2 cores), CPU starvation
# delays calls in transit by hundreds of milliseconds and moves them into the emulator's next second.
proof_class="ImCsGen.Redis.Tests.MultiProcessQuotaTests"
dotnet test "$root/ImCsGen.sln" -c Release --filter "FullyQualifiedName!~$proof_class" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
dotnet test "$root/tests/ImCsGen.Redis.Tests/ImCsGen.Redis.Tests.csproj" -c Release --no-build --filter "FullyQualifiedName~$proof_class" 2>&1 | tee -a "$log"
proof_status=${PIPESTATUS[0]}
if [[ $status -eq 0 ]]; then status=$proof_status; fi

# Sum the per-assembly summaries, e.g. "Passed!  - Failed:     0, Passed:    42, Skipped:     0, Total:    42, ...".
summary="$(grep -E '^(Passed|Failed|Skipped)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
  | awk '{ f += $1; p += $2; s += $3; n++ } END { if (n > 0) printf "%d passed, %d failed, %d skipped\n", p, f, s }')"

if [[ -n "$summary" ]]; then
  echo "$summary"
fi
if [[ $status -ne 0 ]]; then
  echo "test.sh: dotnet test exited with $status" >&2
fi
exit "$status"
