"""The peer side of the Zarr read/write benchmark: zarr-python 2 on the same arrays.

Input: one JSON argument {"source", "destination", "chunks", "compressor", "repeats"}.
Reads the source array (written by our side) `repeats` times, then writes the same data with the same
chunking and compressor into a new array `repeats` times (write_seconds), and over `destination`
`repeats` times (overwrite_seconds); timing is done here with perf_counter around `z[:]` and
`z[:] = data` only. Output: one JSON object on stdout.
"""
import hashlib
import json
import shutil
import sys
import time

import numcodecs
import numpy as np
import zarr


def best_of(repeats, action):
    best = float("inf")
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    spec = json.loads(sys.argv[1])
    repeats = int(spec["repeats"])
    source = zarr.open(spec["source"], mode="r")
    read_seconds, data = best_of(repeats, lambda: source[:])
    digest = hashlib.sha256(memoryview(np.ascontiguousarray(data)).cast("B")).hexdigest()

    compressor = numcodecs.get_codec(dict(spec["compressor"]))

    def create(path):
        return zarr.open(path, mode="w", shape=data.shape, chunks=tuple(spec["chunks"]),
                         dtype=data.dtype, compressor=compressor, fill_value=0)

    # A new array each time (the array created untimed), as a pipeline writes its outputs; then rewriting one.
    fresh = []
    for run in range(repeats):
        target = create(f"{spec['destination']}-new-{run}")
        start = time.perf_counter()
        target[:] = data
        fresh.append(time.perf_counter() - start)
        shutil.rmtree(f"{spec['destination']}-new-{run}")
    write_seconds = min(fresh)

    destination = create(spec["destination"])
    destination[:] = data

    def overwrite():
        destination[:] = data

    overwrite_seconds, _ = best_of(repeats, overwrite)
    print(json.dumps({
        "read_seconds": read_seconds,
        "write_seconds": write_seconds,
        "overwrite_seconds": overwrite_seconds,
        "sha256": digest,
        "nbytes": int(data.nbytes),
        "peer_name": f"zarr-python {zarr.__version__} (numcodecs {numcodecs.__version__})",
    }))


if __name__ == "__main__":
    main()
