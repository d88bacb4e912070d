"""Draws the segmentation scaling figures (scaling.json from the bench) as a PNG.

Input: one JSON argument {"input": scaling.json, "output": PNG path}. Left: seconds per Mvox against the volume
for 1 and 2 workers (flat lines mean cost grows linearly); right: a worker's peak resident memory against the volume
(flat means memory does not grow with the volume). Output: one JSON object on stdout.
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    spec = json.loads(sys.argv[1])
    figures = json.load(open(spec["input"]))
    runs = figures["runs"]
    fig, (cost, memory) = plt.subplots(1, 2, figsize=(10, 4), dpi=110)
    for workers, colour in ((1, "tab:blue"), (2, "tab:orange")):
        mine = sorted((r for r in runs if r["workers"] == workers), key=lambda r: r["mvox"])
        sizes = [r["mvox"] for r in mine]
        cost.plot(sizes, [r["wall_seconds"] / r["mvox"] for r in mine], "o-", color=colour,
                  label=f"{workers} worker{'s' if workers > 1 else ''}")
        memory.plot(sizes, [max(r["peak_worker_mib"].values()) for r in mine], "o-", color=colour,
                    label=f"{workers} worker{'s' if workers > 1 else ''}")
    for axis in (cost, memory):
        axis.set_xscale("log")
        axis.set_xlabel("volume (Mvox)")
        axis.grid(True, which="both", alpha=0.3)
        axis.legend()
        axis.set_ylim(bottom=0)
    cost.set_ylabel("wall seconds per Mvox")
    cost.set_title("seed pipeline: cost per Mvox")
    memory.set_ylabel("MiB")
    memory.set_title("peak resident memory of a worker")
    fig.suptitle(f"volara run, README layout, SQLite graph, {figures['cores']} cores")
    fig.tight_layout()
    fig.savefig(spec["output"])
    print(json.dumps({"output": spec["output"]}))


if __name__ == "__main__":
    main()
