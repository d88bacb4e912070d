namespace Volara.Runtime.Datasets;

/// <summary>funlib/zarr open modes.</summary>
public enum AccessMode
{
    /// <summary><c>r</c>: existing array, read-only.</summary>
    Read,

    /// <summary><c>r+</c>: existing array, read/write.</summary>
    ReadWrite,

    /// <summary><c>a</c>: read/write, created when missing.</summary>
    Append,

    /// <summary><c>w</c>: created, replacing whatever is there.</summary>
    Overwrite,

    /// <summary><c>w-</c>: created, failing when something exists.</summary>
    CreateNew,
}

/// <summary>Conversions between <see cref="AccessMode"/> and the mode strings of funlib and zarr.</summary>
public static class AccessModes
{
    public static AccessMode Parse(string mode) => mode switch
    {
        "r" => AccessMode.Read,
        "r+" => AccessMode.ReadWrite,
        "a" => AccessMode.Append,
        "w" => AccessMode.Overwrite,
        "w-" or "x" => AccessMode.CreateNew,
        _ => throw new ArgumentException($"unknown access mode '{mode}' (expected r, r+, a, w or w-)", nameof(mode)),
    };

    public static string ToModeString(this AccessMode mode) => mode switch
    {
        AccessMode.Read => "r",
        AccessMode.ReadWrite => "r+",
        AccessMode.Append => "a",
        AccessMode.Overwrite => "w",
        AccessMode.CreateNew => "w-",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };
}
