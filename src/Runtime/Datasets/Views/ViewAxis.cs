namespace Volara.Runtime.Datasets.Views;

/// <summary>One uncollapsed axis of a view: where it reads in the source and its metadata.</summary>
/// <param name="SourceAxis">Index of the source (storage) axis.</param>
/// <param name="Map">View index → source index.</param>
/// <param name="Unit">Physical axes only.</param>
/// <param name="VoxelSize">Physical axes only.</param>
/// <param name="Offset">World offset of view index 0; physical axes only.</param>
internal sealed record ViewAxis(int SourceAxis, AxisMap Map, string Name, string Type, string Unit, long VoxelSize, long Offset)
{
    public bool IsPhysical => AxisTypes.IsPhysical(Type);

    public long Extent => Map.Count;
}
