#!/usr/bin/env bash
# Fails if a JVM the project started for a test run or a draft outlived it:
# - a throw-away test Neo4j: org.neo4j.server.CommunityEntryPoint whose --home-dir is a
#   stancegraph-test-neo4j-* folder of the system temp dir. The development instance (home .data/neo4j) and
#   any other Neo4j are not ours to judge and are ignored;
# - a CoreNLP the project started (src/runtime/corenlp-server.ts: the test harness's, a draft's):
#   edu.stanford.nlp.pipeline.StanfordCoreNLPServer whose -Djava.io.tmpdir is a stancegraph-corenlp-* folder
#   of the system temp dir. Such a server never outlives its launcher; a CoreNLP started by hand is ignored;
# - a redis-server the project started (src/runtime/redis-server.ts: the tests' and benchmarks'): redis
#   rewrites its command line to its process title, `redis-server 127.0.0.1:PORT CONFIG`, whose CONFIG is in
#   a stancegraph-redis-* folder of the system temp dir. Any other Redis is ignored.
# Usage: tools/check-no-jvm.sh   (exit 0: none left; exit 1: their pids and folders are listed)
set -euo pipefail

tmp="${TMPDIR:-/tmp}"
tmp="${tmp%/}"
neo4j_prefix="--home-dir=${tmp}/stancegraph-test-neo4j-"
corenlp_prefix="-Djava.io.tmpdir=${tmp}/stancegraph-corenlp-"
redis_folder="${tmp}/stancegraph-redis-"

left=()
for proc in /proc/[0-9]*; do
  pid="${proc#/proc/}"
  # A process may end while we look; a zombie has an empty cmdline and so never matches.
  args=()
  while IFS= read -r -d '' arg; do args+=("$arg"); done 2>/dev/null <"$proc/cmdline" || continue
  main=''
  folder=''
  if [[ "${args[0]:-}" == "redis-server "* ]]; then
    read -r _ address config _ <<<"${args[0]}"
    if [[ "${config:-}" == "$redis_folder"* ]]; then left+=("$pid redis ${config%/*} ($address)"); fi
    continue
  fi
  for arg in "${args[@]}"; do
    case "$arg" in
      org.neo4j.server.CommunityEntryPoint) main=neo4j ;;
      edu.stanford.nlp.pipeline.StanfordCoreNLPServer) main=corenlp ;;
    esac
    if [[ "$arg" == "$neo4j_prefix"* ]]; then folder="neo4j ${arg#--home-dir=}"; fi
    if [[ "$arg" == "$corenlp_prefix"* ]]; then folder="corenlp ${arg#-Djava.io.tmpdir=}"; fi
  done
  if [[ -n "$main" && "$folder" == "$main "* ]]; then left+=("$pid $folder"); fi
done

if ((${#left[@]})); then
  echo "test or draft JVM(s) or test redis-server(s) still running (pid program folder):" >&2
  printf '%s\n' "${left[@]}"
  exit 1
fi
echo "no test Neo4j, project CoreNLP JVM or test redis-server left running" >&2
