# scikit-image / scipy side of the registration benchmarks, on the data the C# side wrote; best-of-N processor time.
#  compute: phase_cross_correlation(reference block, moving block, upsample_factor=3) for every block and channel.
#  apply:   the dense shift field (order-1 interpolation of the grid between block centres, clamped) and
#           map_coordinates(order=1, mode="constant") of every channel, clip(value * 255) to uint8.
import json, os, sys, time
# One core, as the C# side: without this, OpenBLAS threads behind skimage's tensordot spin and count as processor time.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"
import numpy as np
import skimage
import scipy
from scipy.ndimage import map_coordinates
from skimage.registration import phase_cross_correlation

args = json.loads(sys.argv[1])
channels = args["channels"]
shape = tuple(args["shape"])
data = np.fromfile(args["data"], dtype=np.float32).reshape((channels,) + shape).astype(np.float64)

def best_of(run):
    best, result = float("inf"), None
    for _ in range(args["repeats"]):
        start = time.process_time()
        result = run()
        best = min(best, time.process_time() - start)
    return best, result

if args["mode"] == "compute":
    blocks = args["blocks"]  # [[begin..., end...], ...] in voxels
    nd = len(shape)
    def run():
        out = []
        for box in blocks:
            region = tuple(slice(box[d], box[nd + d]) for d in range(nd))
            reference = data[(0,) + region]
            for c in range(1, channels):
                shift, _, _ = phase_cross_correlation(reference, data[(c,) + region], upsample_factor=3)
                out.append([float(s) for s in shift])
        return out
    seconds, shifts = best_of(run)
    ours = np.array(args["ours"], dtype=np.float64)
    equal = int(np.sum(np.all(np.abs(np.array(shifts) - ours) < 1e-6, axis=1)))
    print(json.dumps({"seconds": seconds, "equal": equal, "total": len(shifts), "peer_name": "skimage " + skimage.__version__ + " phase_cross_correlation"}))
else:
    grid = np.fromfile(args["grid"], dtype=np.float32).reshape([channels, len(shape)] + args["grid_shape"]).astype(np.float64)
    spacing = np.array(args["spacing"], dtype=np.float64)
    nd = len(shape)
    def run():
        idx = np.meshgrid(*[np.arange(n, dtype=np.float64) for n in shape], indexing="ij")
        pos = [np.clip((idx[d] + 0.5) / spacing[d] - 0.5, 0, grid.shape[2 + d] - 1) for d in range(nd)]
        aligned = np.empty(data.shape, np.uint8)
        for c in range(channels):
            field = [map_coordinates(grid[c, d], pos, order=1, mode="nearest") for d in range(nd)]
            coords = [idx[d] - field[d] for d in range(nd)]
            aligned[c] = np.clip(map_coordinates(data[c], coords, order=1, mode="constant", cval=0.0) * 255, 0, 255).astype(np.uint8)
        return aligned
    seconds, aligned = best_of(run)
    ours = np.fromfile(args["ours"], dtype=np.uint8).reshape(aligned.shape)
    differ = int(np.sum(np.abs(ours.astype(np.int32) - aligned.astype(np.int32)) > 1))
    print(json.dumps({"seconds": seconds, "differ": differ, "peer_name": "scipy " + scipy.__version__ + " map_coordinates"}))
