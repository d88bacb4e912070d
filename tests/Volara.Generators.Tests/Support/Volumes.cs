using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Generators.Tests.Support;

/// <summary>Tiny 2D arrays for running generated tasks.</summary>
internal static class Volumes
{
    public static Raw Write<T>(string store, T[] values, long height, long width, long voxel = 1)
        where T : unmanaged => Fill(new Raw { Store = store }, values, height, width, voxel);

    public static TDataset Fill<TDataset, T>(TDataset dataset, T[] values, long height, long width, long voxel = 1)
        where TDataset : Dataset
        where T : unmanaged
    {
        var array = dataset.Prepare(
            [height, width], [4, 4], new Coordinate(0, 0), new Coordinate(voxel, voxel), ["nm", "nm"], ["y", "x"], ["space", "space"], DataType.Of<T>());
        array.Write(array.Roi, (ReadOnlySpan<T>)values);
        return dataset;
    }

    public static T[] ReadAll<T>(Dataset dataset)
        where T : unmanaged
    {
        var array = dataset.Array();
        var values = new T[array.ElementCount(array.Roi)];
        array.Read<T>(array.Roi, values);
        return values;
    }
}
