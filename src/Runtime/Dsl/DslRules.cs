using System.Collections.Generic;

namespace Volara.Runtime.Dsl;

/// <summary>
/// The DSL's validation rules as pure functions of plain values, so the runtime (with the data's dimensions) and the
/// analyzers (with constants from source, dimensions possibly unknown) apply the same rule. Each returns null when
/// the value is fine, else the reason, phrased to follow the field name ("block_size (1, 2) has 2 values, ...").
/// </summary>
public static class DslRules
{
    /// <summary>A block size: one value per physical axis (when <paramref name="physicalDims"/> is known, i.e. &gt;= 0), all positive.</summary>
    public static string? BlockSizeProblem(IReadOnlyList<long?> voxels, int physicalDims) =>
        DimsProblem(voxels, physicalDims) ?? SignProblem(voxels, allowZero: false);

    /// <summary>A context: one value per physical axis (when known), none negative.</summary>
    public static string? ContextProblem(IReadOnlyList<long?> voxels, int physicalDims) =>
        DimsProblem(voxels, physicalDims) ?? SignProblem(voxels, allowZero: true);

    private static string? DimsProblem(IReadOnlyList<long?> voxels, int physicalDims) =>
        physicalDims >= 0 && voxels.Count != physicalDims
            ? $"has {voxels.Count} values, the data has {physicalDims} physical axes"
            : null;

    private static string? SignProblem(IReadOnlyList<long?> voxels, bool allowZero)
    {
        foreach (var value in voxels)
        {
            if (value is null || value < 0 || (!allowZero && value == 0))
            {
                return allowZero ? "must not be negative in any axis" : "must be positive in every axis";
            }
        }

        return null;
    }
}
