#!/usr/bin/env bash
# Runs every published package's test suite (packages/* whose package.json is not "private") on the
# Node versions integrators run, 22 and 24 LTS (pinned in scripts/node-versions.sh), after
# `pnpm test` has run them on this machine's Node 20. Each suite runs as
#   <node>/bin/node <vitest>/vitest.mjs run      with PATH=<node>/bin:$PATH
# and NODE_OPTIONS loads scripts/node-version-guard.cjs into every Node process of the run (vitest
# and its forks): a process on another version fails the run, and the summary line states how many
# Node processes ran and on which version.
#
# Two suites run at a time (2 cores; --jobs N to change). The same package never runs on two
# versions at once (a per-package lock), so cms-connector's files stay alone on the shared real
# WordPress, as its vitest config requires.
# Usage: scripts/test-node-versions.sh [--jobs N] [--node 22,24] [package-folder ...]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GUARD="$ROOT/scripts/node-version-guard.cjs"
JOBS="${OMNIBRIDGE_NODE_TEST_JOBS:-2}"
MAJORS=(22 24)
PACKAGES=()
while (($#)); do
  case "$1" in
    --jobs) JOBS="$2"; shift 2 ;;
    --node) IFS=, read -r -a MAJORS <<<"$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) PACKAGES+=("$1"); shift ;;
  esac
done

# Published packages, the ones with the most test files first (cms-connector, whose files run one
# after another against WordPress, is the longest), so the two slots finish close together.
if ((${#PACKAGES[@]} == 0)); then
  mapfile -t PACKAGES < <(cd "$ROOT" && node -e '
    const fs = require("node:fs"), path = require("node:path");
    const count = (dir) => fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => /\.test\.[cm]?[jt]s$/.test(f)).length : 0;
    const out = [];
    for (const name of fs.readdirSync("packages")) {
      const file = path.join("packages", name, "package.json");
      if (!fs.existsSync(file) || JSON.parse(fs.readFileSync(file, "utf8")).private) continue;
      out.push([name, count(path.join("packages", name, "src")) + count(path.join("packages", name, "test"))]);
    }
    out.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [name] of out) console.log(name);')
fi
for pkg in "${PACKAGES[@]}"; do
  [[ -f "$ROOT/packages/$pkg/package.json" ]] || { echo "test-node-versions: no package folder packages/$pkg" >&2; exit 1; }
done

LOGS="${OMNIBRIDGE_NODE_TEST_LOGS:-$(mktemp -d "${TMPDIR:-/tmp}/omnibridge-node-tests.XXXXXX")}"
mkdir -p "$LOGS"
declare -A DIR VERSION
for major in "${MAJORS[@]}"; do
  DIR[$major]="$("$ROOT/scripts/node-versions.sh" "$major")"
  VERSION[$major]="$("${DIR[$major]}/bin/node" --version)"; VERSION[$major]="${VERSION[$major]#v}"
  echo "node ${VERSION[$major]}: ${DIR[$major]}/bin/node"
done
echo "packages (${#PACKAGES[@]}): ${PACKAGES[*]}; $JOBS at a time; logs in $LOGS"

vitest_for() {
  local local_bin="$ROOT/packages/$1/node_modules/vitest/vitest.mjs"
  if [[ -f "$local_bin" ]]; then echo "$local_bin"; else echo "$ROOT/node_modules/vitest/vitest.mjs"; fi
}

# One suite on one version; writes <log>, <procs> (the guard's report) and <status>.
run_one() {
  local major="$1" pkg="$2" version="${VERSION[$1]}" dir="${DIR[$1]}"
  local base="$LOGS/node$major-$pkg" started rc=0
  : >"$base.procs"
  exec 8>"$LOGS/$pkg.lock"
  flock 8
  started=$(date +%s)
  (
    cd "$ROOT/packages/$pkg"
    export PATH="$dir/bin:$PATH" OMNIBRIDGE_EXPECT_NODE="$version" OMNIBRIDGE_NODE_REPORT="$base.procs"
    export NODE_OPTIONS="--require \"$GUARD\"${NODE_OPTIONS:+ $NODE_OPTIONS}"
    exec "$dir/bin/node" "$(vitest_for "$pkg")" run --passWithNoTests
  ) >"$base.log" 2>&1 || rc=$?
  flock -u 8
  echo "$rc $(( $(date +%s) - started ))" >"$base.status"
  summarize "$major" "$pkg"
}

summarize() {
  local major="$1" pkg="$2" base="$LOGS/node$1-$2" rc seconds counts procs versions
  read -r rc seconds <"$base.status"
  counts="$(sed -e 's/\x1b\[[0-9;]*m//g' "$base.log" | grep -E '^ +Tests +[0-9]' | tail -1 | sed -E 's/^ +Tests +//; s/ +\([0-9]+\)$//')"
  procs="$(wc -l <"$base.procs")"
  versions="$(awk '{print "v"$2}' "$base.procs" | sort -u | paste -sd, -)"
  if ((rc == 0)); then
    printf 'node %-8s %-14s ok   %4ss  tests: %s; %s node processes, all on %s\n' "${VERSION[$major]}" "$pkg" "$seconds" "${counts:-none}" "$procs" "$versions"
  else
    printf 'node %-8s %-14s FAIL %4ss  tests: %s; node processes on %s; log: %s.log\n' "${VERSION[$major]}" "$pkg" "$seconds" "${counts:-none}" "${versions:-?}" "$base"
  fi
}

started=$(date +%s)
for major in "${MAJORS[@]}"; do
  for pkg in "${PACKAGES[@]}"; do
    while (($(jobs -rp | wc -l) >= JOBS)); do wait -n || true; done
    run_one "$major" "$pkg" &
  done
done
wait || true

failed=()
for major in "${MAJORS[@]}"; do
  for pkg in "${PACKAGES[@]}"; do
    base="$LOGS/node$major-$pkg"
    if [[ ! -f "$base.status" ]] || [[ "$(cut -d' ' -f1 "$base.status")" != 0 ]]; then failed+=("node$major-$pkg"); fi
  done
done
echo "test-node-versions: ${#PACKAGES[@]} packages × ${#MAJORS[@]} Node versions in $(( $(date +%s) - started )) s"
if ((${#failed[@]})); then
  for name in "${failed[@]}"; do
    echo "---- $name (last 40 lines of $LOGS/$name.log)"
    tail -n 40 "$LOGS/$name.log" 2>/dev/null || echo "(no log)"
  done
  echo "test-node-versions: FAILED: ${failed[*]}" >&2
  exit 1
fi
