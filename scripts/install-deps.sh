#!/usr/bin/env bash
# Installs the system packages the tests and benchmarks need, if they are missing.
# The reference implementation (zarr-python 2, numcodecs, dask, scikit-image for segmentation scores) comes from
# Debian's python3 packages; the graph database tests start a private PostgreSQL server and the cluster worker
# tests a single-node Slurm (slurm-wlm, munge), both as plain background processes. The Predict tests make a
# TorchScript model with python3-torch. Building the command line bundles the neuroglancer viewer of `volara serve`
# with npm, and a test opens it in Debian's headless chromium.
set -euo pipefail

packages=(python3-zarr python3-numcodecs python3-numpy python3-dask python3-skimage python3-torch libblosc1 slurm-wlm munge chromium)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

# The graph database tests start a private PostgreSQL server (initdb + pg_ctl); any packaged version will do.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)

if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

/usr/bin/python3 -c "import zarr, numcodecs, numpy, dask, skimage" \
  || { echo "the reference python packages did not import" >&2; exit 1; }
