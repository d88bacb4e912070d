# volara's DistanceAgglom proximity in numpy/scipy: surface voxels where scipy's Laplacian of the labels is non-zero,
# cKDTree.query_pairs within the threshold (world units), minimum distance per label pair. Best-of-N processor time;
# reports the pairs found so the C# side can check they agree.
import json, sys, time
import numpy as np
from scipy.ndimage import laplace
from scipy.spatial import cKDTree

args = json.loads(sys.argv[1])
labels = np.fromfile(args["labels"], dtype=np.uint64).reshape(args["shape"])
voxel_size = np.array(args["voxel_size"], dtype=np.float64)
threshold = args["threshold"]

def close_pairs():
    surface = (laplace(labels) != 0) & (labels != 0)
    points = np.argwhere(surface) * voxel_size
    values = labels[surface]
    pairs = cKDTree(points).query_pairs(threshold, output_type="ndarray")
    a, b = values[pairs[:, 0]], values[pairs[:, 1]]
    keep = a != b
    a, b, pairs = a[keep], b[keep], pairs[keep]
    distance = np.linalg.norm(points[pairs[:, 0]] - points[pairs[:, 1]], axis=1)
    u, v = np.minimum(a, b), np.maximum(a, b)
    order = np.lexsort((distance, v, u))
    u, v, distance = u[order], v[order], distance[order]
    first = np.ones(len(u), dtype=bool)
    first[1:] = (u[1:] != u[:-1]) | (v[1:] != v[:-1])
    return u[first], v[first], distance[first]

best = float("inf")
for _ in range(args["repeats"]):
    start = time.process_time()
    u, v, d = close_pairs()
    best = min(best, time.process_time() - start)

import scipy
print(json.dumps({"seconds": best, "pairs": int(len(u)), "distance_sum": float(d.sum()),
                  "peer_name": "scipy " + scipy.__version__ + " laplace + cKDTree"}))
