namespace Volara.Runtime.Graphs;

/// <summary>The scalar type of a graph attribute, named as in volara (<c>float</c>, <c>int</c>, <c>bool</c>, <c>str</c>).</summary>
public enum GraphValueKind
{
    /// <summary>Stored as 32-bit floats (PostgreSQL <c>REAL</c>), so both backends read back the same value.</summary>
    Float,

    /// <summary>64-bit signed integers.</summary>
    Int,

    Bool,

    /// <summary>Text; null is a missing value.</summary>
    Str,
}
