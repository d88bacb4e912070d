"""The peer side of the blockwise threshold benchmark: dask.array over zarr-python 2.

Input: one JSON argument {"source", "destination", "ours", "threshold", "chunks", "compressor", "repeats"}.
Times `(da.from_zarr(source) > threshold).astype(uint8).to_zarr(destination)` with the same chunks and
compressor as our output, then checks that our output array holds the same values. Output: JSON on stdout.
"""
import json
import sys
import time

import dask
import dask.array as da
import numcodecs
import numpy as np
import zarr


def main():
    spec = json.loads(sys.argv[1])
    compressor = numcodecs.get_codec(dict(spec["compressor"]))
    best = float("inf")
    for _ in range(int(spec["repeats"])):
        start = time.perf_counter()
        source = da.from_zarr(spec["source"])
        mask = (source > spec["threshold"]).astype(np.uint8).rechunk(tuple(spec["chunks"]))
        mask.to_zarr(spec["destination"], overwrite=True, compressor=compressor)
        best = min(best, time.perf_counter() - start)

    theirs = zarr.open(spec["destination"], mode="r")[:]
    ours = zarr.open(spec["ours"], mode="r")[:]
    print(json.dumps({
        "seconds": best,
        "equal": bool(np.array_equal(theirs, ours)),
        "nbytes": int(theirs.nbytes),
        "peer_name": f"dask.array {dask.__version__} (zarr {zarr.__version__})",
    }))


if __name__ == "__main__":
    main()
