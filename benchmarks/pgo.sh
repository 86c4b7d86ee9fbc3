#!/usr/bin/env bash
# Regenerates cmd/kinlink/default.pgo, the CPU profile that go build uses
# for profile-guided optimisation of the kinlink binary. It profiles the
# runs the README's figures come from: 1,000 people sought against a
# generated 1M-record Parquet archive in blocked mode, a 100k one in
# exhaustive mode, and the demo's CSV files; then merges the three.
# Takes a few minutes and about 300 MB of disk in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -pgo=off -o "$work/kinlink" ./cmd/kinlink
k="$work/kinlink"
"$k" generate --seed 11 --missing 1000 --archive 1000000 --format parquet --out "$work/p1m"
"$k" generate --seed 11 --missing 1000 --archive 100000 --format parquet --out "$work/p100k"
"$k" generate --demo --out "$work/demo"
"$k" match --missing "$work/p1m/missing.parquet" --archive "$work/p1m/archive.parquet" \
  --out "$work/b.parquet" --blocking blocked --progress never --cpuprofile "$work/blocked.prof"
"$k" match --missing "$work/p1m/missing.parquet" --archive "$work/p100k/archive.parquet" \
  --out "$work/e.parquet" --progress never --cpuprofile "$work/exhaustive.prof"
"$k" match --missing "$work/demo/missing.csv" --archive "$work/demo/archive.csv" \
  --out "$work/d.parquet" --progress never --cpuprofile "$work/demo.prof"
go tool pprof -proto "$work/blocked.prof" "$work/exhaustive.prof" "$work/demo.prof" > cmd/kinlink/default.pgo
echo "wrote cmd/kinlink/default.pgo"
