#!/usr/bin/env bash
# The main job on the embedded defaults: writes a synthetic volume, inspects it, and re-encodes it
# into a sharded Zarr v3 array with `volara copy`; runs a blockwise threshold; then volara's segmentation
# pipeline on synthetic affinities, scored against their ground truth.
# Usage: quickstart.sh [DIR] [--postgres "CONNECTION-STRING"]  (the graph is SQLite unless --postgres is given)
set -euo pipefail
cd "$(dirname "$0")"
dir=quickstart-output
postgres=()
while (($#)); do
  case "$1" in
    --postgres) postgres=(--postgres "$2"); shift 2 ;;
    *) dir="$1"; shift ;;
  esac
done
out=$(realpath -m "$dir")
mkdir -p "$out" && rm -rf "$out/sample.zarr" "$out/logs" "$out/segmentation.zarr" "$out/segmentation-logs"

dotnet build samples/Quickstart -c Release -nologo -v q >/dev/null
dotnet build src/Cli -c Release -nologo -v q >/dev/null
volara() { dotnet src/Cli/bin/Release/net10.0/volara.dll "$@"; }

dotnet samples/Quickstart/bin/Release/net10.0/Volara.Samples.Quickstart.dll "$out/sample.zarr"
volara info "$out/sample.zarr/raw"
volara copy "$out/sample.zarr/raw" "$out/sample.zarr/raw_v3" --format 3 --codec blosc-zstd --chunks 16,32,32 --shards 32,128,128 --overwrite
volara info "$out/sample.zarr/raw_v3" --json

# Blockwise processing: a threshold over the raw volume in two worker processes, then the same again,
# which skips every block already done.
cat > "$out/threshold.json" <<JSON
{
  "task_type": "threshold",
  "in_data": {"dataset_type": "raw", "store": "$out/sample.zarr/raw"},
  "mask": {"dataset_type": "labels", "store": "$out/sample.zarr/mask"},
  "threshold": 128,
  "block_size": [16, 64, 64],
  "execution": {"num_workers": 2}
}
JSON
volara run "$out/threshold.json" --log-dir "$out/logs"
volara run "$out/threshold.json" --log-dir "$out/logs"
volara info "$out/sample.zarr/mask"

# Segmentation, the seed README's pipeline: a synthetic ground truth (Voronoi cells) and its noisy 9-channel
# affinities; extract_frags + aff_agglom + graph_mws + relabel with block size (45,120,120), context (15,40,40)
# and the README's biases and scores, in worker processes; then VOI and adapted Rand error against the ground truth.
dotnet samples/Quickstart/bin/Release/net10.0/Volara.Samples.Quickstart.dll segment "$out" ${postgres[@]+"${postgres[@]}"}
