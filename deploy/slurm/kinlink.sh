#!/usr/bin/env bash
# A sharded kinlink run on Slurm: four jobs chained with dependencies.
#
#   deploy/slurm/kinlink.sh SHARDS DATA
#
# DATA is a folder every node sees (missing.csv, archive/), and receives
# stats/, stats.parquet, parts/ and matches.parquet. kinlink must be on the
# nodes' PATH. Each array task finds its index in SLURM_ARRAY_TASK_ID
# (kinlink subtracts SLURM_ARRAY_TASK_MIN), through --shard auto/N.
set -euo pipefail
shards=${1:?shards}
data=${2:?data folder}
mkdir -p "$data/stats" "$data/parts"
common=(--cpus-per-task=2 --mem=2G --output="$data/logs/%x-%A_%a.log")
mkdir -p "$data/logs"

stats=$(sbatch --parsable --job-name=kinlink-stats --array=0-$((shards - 1)) "${common[@]}" --wrap \
  "kinlink stats --missing=$data/missing.csv --archive=$data/archive --shard=auto/$shards \
     --out=$data/stats/stats-\${SLURM_ARRAY_TASK_ID}-of-$shards.parquet --progress=never")

merged=$(sbatch --parsable --job-name=kinlink-stats-merge --dependency=afterok:$stats "${common[@]}" --wrap \
  "kinlink stats merge --missing=$data/missing.csv --out=$data/stats.parquet $data/stats")

match=$(sbatch --parsable --job-name=kinlink-match --array=0-$((shards - 1)) --dependency=afterok:$merged "${common[@]}" --wrap \
  "kinlink match --missing=$data/missing.csv --archive=$data/archive --stats=$data/stats.parquet --shard=auto/$shards \
     --out=$data/parts/part-\${SLURM_ARRAY_TASK_ID}-of-$shards.parquet --progress=never")

sbatch --parsable --job-name=kinlink-merge --dependency=afterok:$match "${common[@]}" --wrap \
  "kinlink merge --out=$data/matches.parquet $data/parts"
