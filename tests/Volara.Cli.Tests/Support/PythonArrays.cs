namespace Volara.Cli.Tests.Support;

/// <summary>Zarr v2 arrays written and checked by zarr-python, the reference the CLI's output must agree with.</summary>
public static class PythonArrays
{
    /// <summary>
    /// Writes a deterministic array: values from <c>np.arange</c> scrambled by a multiplier, so every chunk
    /// differs and misplaced chunks show. <paramref name="compressor"/> is a numcodecs expression or "None".
    /// </summary>
    public static void Create(string path, string shape, string chunks, string dtype, string compressor, string attributesJson = "{}")
    {
        ReferencePython.Run(
            """
            import json, sys, numpy as np, zarr, numcodecs
            path, shape, chunks, dtype, compressor, attrs = sys.argv[1:]
            shape = tuple(int(s) for s in shape.split(","))
            chunks = tuple(int(s) for s in chunks.split(","))
            data = ((np.arange(int(np.prod(shape)), dtype=np.uint64) * 2654435761) % 65521).astype(dtype).reshape(shape)
            z = zarr.open(path, mode="w", shape=shape, chunks=chunks, dtype=dtype, compressor=eval(compressor, {"numcodecs": numcodecs}))
            z[:] = data
            z.attrs.update(json.loads(attrs))
            """,
            path, shape, chunks, dtype, compressor, attributesJson);
    }

    /// <summary>True when zarr-python reads equal data, dtype and attributes from both arrays.</summary>
    public static string Compare(string expectedPath, string actualPath) =>
        ReferencePython.Run(
            """
            import sys, json, numpy as np, zarr
            a, b = zarr.open(sys.argv[1], mode="r"), zarr.open(sys.argv[2], mode="r")
            same_data = a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a[:], b[:], equal_nan=a.dtype.kind == "f")
            print(json.dumps({"data": bool(same_data), "attrs": dict(a.attrs) == dict(b.attrs),
                              "chunks": list(b.chunks), "compressor": b.compressor.get_config() if b.compressor else None}))
            """,
            expectedPath, actualPath).Trim();
}
