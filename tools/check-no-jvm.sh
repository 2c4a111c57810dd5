#!/usr/bin/env bash
# Fails if a throw-away test Neo4j outlived the test run: a JVM running org.neo4j.server.CommunityEntryPoint
# whose --home-dir is a stancegraph-test-neo4j-* folder of the system temp dir. The development instance
# (home .data/neo4j) and any other Neo4j are not ours to judge and are ignored.
# Usage: tools/check-no-jvm.sh   (exit 0: none left; exit 1: their pids and homes are listed)
set -euo pipefail

tmp="${TMPDIR:-/tmp}"
tmp="${tmp%/}"
prefix="--home-dir=${tmp}/stancegraph-test-neo4j-"

left=()
for proc in /proc/[0-9]*; do
  pid="${proc#/proc/}"
  # A process may end while we look; a zombie has an empty cmdline and so never matches.
  args=()
  while IFS= read -r -d '' arg; do args+=("$arg"); done 2>/dev/null <"$proc/cmdline" || continue
  is_neo4j=0
  home=''
  for arg in "${args[@]}"; do
    if [[ "$arg" == org.neo4j.server.CommunityEntryPoint ]]; then is_neo4j=1; fi
    if [[ "$arg" == "$prefix"* ]]; then home="${arg#--home-dir=}"; fi
  done
  if [[ $is_neo4j == 1 && -n "$home" ]]; then left+=("$pid $home"); fi
done

if ((${#left[@]})); then
  echo "test Neo4j JVM(s) still running (pid home):" >&2
  printf '%s\n' "${left[@]}"
  exit 1
fi
echo "no test Neo4j JVM left running" >&2
