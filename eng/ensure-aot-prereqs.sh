#!/usr/bin/env bash
# Makes sure the Native AOT toolchain prerequisites are on this machine (Linux): a `clang` compiler
# driver and the zlib development files (zlib1g-dev), which `dotnet publish -p:PublishAot=true` links
# with. Installs only what is missing, with apt-get (as root, or through sudo), so it is idempotent and
# quick when everything is there. Debian/Ubuntu package names: clang, zlib1g-dev.
#
# If `clang` cannot be installed but a versioned driver exists (Debian's clang-14), the AOT test
# passes -p:CppCompilerAndLinker=clang-14 itself; by hand:
#   dotnet publish tests/ImCsGen.AotSmoke -c Release -r linux-x64 -p:ImCsGenSmokeMode=aot -p:CppCompilerAndLinker=clang-14
#
# Exit code: 0 when the prerequisites are (now) present, 1 when something is still missing.
set -euo pipefail

if [[ "$(uname -s)" != "Linux" ]]; then
  echo "ensure-aot-prereqs: not Linux; nothing to do (the AOT test publishes for linux-x64)."
  exit 0
fi

have_clang() { command -v clang >/dev/null 2>&1; }
have_versioned_clang() { compgen -c | grep -Eq '^clang-[0-9]+$'; }
have_zlib() {
  if command -v dpkg-query >/dev/null 2>&1 && dpkg-query -W -f='${Status}' zlib1g-dev 2>/dev/null | grep -q "install ok installed"; then
    return 0
  fi
  [[ -f /usr/include/zlib.h ]]
}

missing=()
have_clang || missing+=(clang)
have_zlib || missing+=(zlib1g-dev)

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "ensure-aot-prereqs: clang and zlib1g-dev present."
  exit 0
fi

echo "ensure-aot-prereqs: missing: ${missing[*]}"
sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    sudo=(none)
  fi
fi

if command -v apt-get >/dev/null 2>&1 && [[ "${sudo[*]-}" != "none" ]]; then
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "ensure-aot-prereqs: cannot install (no apt-get, or not root and no password-less sudo)." >&2
  echo "  install by hand: ${missing[*]}" >&2
fi

still=()
have_clang || have_versioned_clang || still+=(clang)
have_zlib || still+=(zlib1g-dev)
if [[ ${#still[@]} -gt 0 ]]; then
  echo "ensure-aot-prereqs: still missing: ${still[*]}; the Native AOT test will fail." >&2
  exit 1
fi
if ! have_clang; then
  echo "ensure-aot-prereqs: only a versioned clang (e.g. clang-14) is available; the AOT test passes -p:CppCompilerAndLinker to use it."
fi
echo "ensure-aot-prereqs: ready."
