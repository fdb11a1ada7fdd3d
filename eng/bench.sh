#!/usr/bin/env bash
# Runs the benchmarks of issue 7 and prints the table of ratios (also written to artifacts/bench/ratios.md,
# with BenchmarkDotNet's own reports under artifacts/bench/BenchmarkDotNet/).
#
#   eng/bench.sh                      short profile, all ten rows (about 30 minutes on 2 cores; row 10 needs redis-server)
#   eng/bench.sh --profile long       BenchmarkDotNet's default job (much longer)
#   eng/bench.sh --profile smoke      one pass of everything, to check it runs (numbers meaningless)
#   eng/bench.sh --rows 1,2           only some rows
#
# CI only builds tests/ImCsGen.Benchmarks; it never runs this script.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/tests/ImCsGen.Benchmarks/ImCsGen.Benchmarks.csproj"

args=("$@")
has_profile=false
for a in "${args[@]+"${args[@]}"}"; do [[ "$a" == "--profile" ]] && has_profile=true; done
$has_profile || args=(--profile short "${args[@]+"${args[@]}"}")

# Release: BenchmarkDotNet refuses non-optimized assemblies, and row 4 builds its consumer against the
# Release outputs of the runtime, analyzer and generator projects built here.
dotnet build "$project" -c Release -nologo -v:q -clp:ErrorsOnly
cd "$root"
exec dotnet "$root/tests/ImCsGen.Benchmarks/bin/Release/net10.0/ImCsGen.Benchmarks.dll" run --out "$root/artifacts/bench" "${args[@]}"
