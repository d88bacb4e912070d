namespace Volara.Runtime.Graphs;

/// <summary>The text forms of <see cref="GraphOpenMode"/> (<c>r</c>, <c>r+</c>, <c>w</c>).</summary>
public static class GraphOpenModes
{
    public static GraphOpenMode Parse(string mode) => mode switch
    {
        "r" => GraphOpenMode.Read,
        "r+" => GraphOpenMode.ReadWrite,
        "w" => GraphOpenMode.Write,
        _ => throw new ArgumentException($"unknown graph open mode '{mode}' (expected r, r+ or w)", nameof(mode)),
    };

    public static string ToText(this GraphOpenMode mode) => mode switch
    {
        GraphOpenMode.Read => "r",
        GraphOpenMode.ReadWrite => "r+",
        GraphOpenMode.Write => "w",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
