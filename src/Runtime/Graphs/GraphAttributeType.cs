using System.Globalization;
using System.Text.RegularExpressions;

namespace Volara.Runtime.Graphs;

/// <summary>
/// The type of a node or edge attribute: a scalar (<see cref="Length"/> 0) or a fixed-length vector
/// <c>Vec(kind, n)</c>, which is stored as <c>n</c> columns in SQLite and as an array column in PostgreSQL.
/// </summary>
public readonly partial record struct GraphAttributeType(GraphValueKind Kind, int Length = 0)
{
    /// <summary>True for <c>Vec(kind, n)</c>.</summary>
    public bool IsVector => Length > 0;

    /// <summary>Values per row: 1 for a scalar, <see cref="Length"/> for a vector.</summary>
    public int Width => Length > 0 ? Length : 1;

    /// <summary>
    /// Parses volara's type specs: <c>float</c>, <c>int</c>, <c>bool</c>, <c>str</c>; a number <c>n</c> (volara's
    /// int spec) meaning <c>Vec(float, n)</c>; and the metadata form <c>Vec(float, 3)</c>.
    /// </summary>
    public static GraphAttributeType Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = spec.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return Vector(GraphValueKind.Float, length, spec);
        }

        var match = VectorPattern().Match(text);
        if (match.Success)
        {
            return Vector(ParseKind(match.Groups[1].Value, spec), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), spec);
        }

        return new GraphAttributeType(ParseKind(text, spec));
    }

    /// <summary>The metadata form: <c>float</c> or <c>Vec(float, 3)</c>.</summary>
    public override string ToString() => IsVector ? $"Vec({KindName(Kind)}, {Length})" : KindName(Kind);

    private static GraphAttributeType Vector(GraphValueKind kind, int length, string spec) =>
        length > 0 ? new GraphAttributeType(kind, length) : throw new FormatException($"attribute type '{spec}': a vector needs a positive length");

    private static GraphValueKind ParseKind(string name, string spec) => name switch
    {
        "float" or "double" => GraphValueKind.Float,
        "int" => GraphValueKind.Int,
        "bool" => GraphValueKind.Bool,
        "str" => GraphValueKind.Str,
        _ => throw new FormatException($"unknown attribute type '{spec}' (expected float, int, bool, str, a vector length n, or Vec(float, n))"),
    };

    private static string KindName(GraphValueKind kind) => kind switch
    {
        GraphValueKind.Float => "float",
        GraphValueKind.Int => "int",
        GraphValueKind.Bool => "bool",
        GraphValueKind.Str => "str",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    [GeneratedRegex(@"^Vec\(\s*(\w+)\s*,\s*(\d+)\s*\)$")]
    private static partial Regex VectorPattern();
}
