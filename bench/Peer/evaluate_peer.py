# skimage's variation_of_information and adapted_rand_error (ground-truth 0 ignored in both) on the volumes the C#
# side wrote; best-of-N processor time and the scores, so the C# side can check they agree.
import json, sys, time
import numpy as np
import skimage
from skimage.metrics import adapted_rand_error, variation_of_information

args = json.loads(sys.argv[1])
gt = np.fromfile(args["truth"], dtype=np.uint64).astype(np.int64)
seg = np.fromfile(args["segmentation"], dtype=np.uint64).astype(np.int64)

best = float("inf")
for _ in range(args["repeats"]):
    start = time.process_time()
    split, merge = variation_of_information(gt, seg, ignore_labels=(0,))
    error, precision, recall = adapted_rand_error(gt, seg, ignore_labels=(0,))
    best = min(best, time.process_time() - start)

print(json.dumps({"seconds": best, "scores": [float(split), float(merge), float(error)],
                  "peer_name": "skimage " + skimage.__version__ + " metrics"}))
