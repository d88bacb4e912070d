namespace Volara.Runtime.Dsl.Rules;

/// <summary>
/// What makes per-offset lists consistent with their affinity neighbourhood. Pure functions on plain values,
/// source-linked into the analyzers, so the compile-time check and the runtime validation are one rule.
/// </summary>
public static class NeighborhoodRules
{
    /// <summary>A per-offset list (bias, strides) has exactly one value per neighbourhood offset.</summary>
    public static bool PerOffsetLengthMatches(int offsets, int values) => offsets == values;
}
