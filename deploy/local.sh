#!/usr/bin/env bash
# A sharded kinlink run on one machine: N processes per step, in parallel,
# as a scheduler's array job would run them, then the merge.
#
#   deploy/local.sh SHARDS MISSING ARCHIVE OUT [kinlink binary]
#
# Writes OUT (and OUT's .rejects.csv), with its work files and each
# process's messages in OUT.work/.
# Prints the wall time of each step. MATCH_FLAGS are added to each match
# (MATCH_FLAGS="--blocking blocked --top 20").
set -euo pipefail
shards=${1:?shards} missing=${2:?missing} archive=${3:?archive} out=${4:?out}
k=${5:-kinlink}
work="$out.work"
rm -rf "$work"
mkdir -p "$work/stats" "$work/parts"
now() { date +%s.%N; }
step() { awk -v a="$(now)" -v b="$2" -v s="$1" 'BEGIN { printf "%-12s %6.1f s\n", s, a - b }'; }
pids=()
waitall() { # wait for every shard; fail if any failed
  local failed=0
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  pids=()
  [ "$failed" = 0 ] || { echo "a shard failed" >&2; exit 1; }
}

t=$(now); t0=$t
for ((i = 0; i < shards; i++)); do
  "$k" stats --missing "$missing" --archive "$archive" --shard "$i/$shards" \
    --out "$work/stats/stats-$i-of-$shards.parquet" --progress never 2>"$work/stats-$i.log" &
  pids+=($!)
done
waitall
step stats "$t"

t=$(now)
"$k" stats merge --missing "$missing" --out "$work/stats.parquet" "$work/stats" 2>"$work/stats-merge.log"
step "stats merge" "$t"

t=$(now)
for ((i = 0; i < shards; i++)); do
  # shellcheck disable=SC2086 # MATCH_FLAGS is a list of flags
  "$k" match --missing "$missing" --archive "$archive" --stats "$work/stats.parquet" --shard "$i/$shards" ${MATCH_FLAGS:-} \
    --out "$work/parts/part-$i-of-$shards.parquet" --progress never 2>"$work/part-$i.log" &
  pids+=($!)
done
waitall
step match "$t"

t=$(now)
"$k" merge --out "$out" "$work/parts"
step merge "$t"
step total "$t0"
