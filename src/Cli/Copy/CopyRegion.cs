namespace Volara.Cli.Copy;

/// <summary>One box of voxels copied as a unit: whole destination chunks (or shards), clipped to the array.</summary>
public sealed record CopyRegion(long[] Start, long[] Shape, long Chunks)
{
    public long Voxels
    {
        get
        {
            long voxels = 1;
            foreach (long extent in Shape)
            {
                voxels *= extent;
            }

            return voxels;
        }
    }
}
