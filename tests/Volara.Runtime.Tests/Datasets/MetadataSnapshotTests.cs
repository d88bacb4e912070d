using System.Text.Json.Nodes;
using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Datasets;

/// <summary>
/// Inside a snapshot an array's metadata is read once per path; the voxel size is changed on disk between opens to
/// tell a fresh read from a remembered one.
/// </summary>
public sealed class MetadataSnapshotTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Array()
    {
        string path = _directory.Combine("a.zarr/raw");
        VolumeArray.Prepare(path, new PrepareOptions { Shape = [4, 6], DataType = DataType.UInt8, VoxelSize = new Coordinate(2, 2), Mode = AccessMode.Append });
        return path;
    }

    private static void ChangeVoxelSize(string path, long size) =>
        ZarrArray.Open(path, writable: true).UpdateAttributes(new JsonObject { ["voxel_size"] = new JsonArray(size, size) });

    [Fact]
    public void ReadOnlyOpensInsideASnapshotShareTheFirstRead()
    {
        string path = Array();
        using (MetadataSnapshot.Begin())
        {
            Assert.Equal(new Coordinate(2, 2), VolumeArray.Open(path).VoxelSize);
            ChangeVoxelSize(path, 3);
            Assert.Equal(new Coordinate(2, 2), VolumeArray.Open(path).VoxelSize);

            // The snapshot serves the flow of execution, including parallel loops started from it.
            Parallel.For(0, 4, _ => Assert.Equal(new Coordinate(2, 2), VolumeArray.Open(path).VoxelSize));

            // Opens for writing always read the disk.
            Assert.Equal(new Coordinate(3, 3), VolumeArray.Open(path, AccessMode.ReadWrite).VoxelSize);
        }

        Assert.Equal(new Coordinate(3, 3), VolumeArray.Open(path).VoxelSize);
    }

    [Fact]
    public void WithoutASnapshotEveryOpenReadsTheDisk()
    {
        string path = Array();
        Assert.Equal(new Coordinate(2, 2), VolumeArray.Open(path).VoxelSize);
        ChangeVoxelSize(path, 3);
        Assert.Equal(new Coordinate(3, 3), VolumeArray.Open(path).VoxelSize);
    }

    [Fact]
    public void AnInnerSnapshotLeavesTheOuterOneActive()
    {
        string path = Array();
        using (MetadataSnapshot.Begin())
        {
            Assert.Equal(new Coordinate(2, 2), VolumeArray.Open(path).VoxelSize);
            using (MetadataSnapshot.Begin())
            {
                ChangeVoxelSize(path, 3);
                Assert.Equal(new Coordinate(2, 2), VolumeArray.Open(path).VoxelSize);
            }

            Assert.Equal(new Coordinate(2, 2), VolumeArray.Open(path).VoxelSize);
        }
    }

    [Fact]
    public void AFailedOpenIsNotRemembered()
    {
        string path = _directory.Combine("a.zarr/raw");
        using (MetadataSnapshot.Begin())
        {
            Assert.ThrowsAny<Exception>(() => VolumeArray.Open(path));
            Array();
            Assert.Equal(new Coordinate(2, 2), VolumeArray.Open(path).VoxelSize);
        }
    }
}
