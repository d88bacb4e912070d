using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Storage;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Tasks;

/// <summary>An input read in its stored type (<c>Affs&lt;Stored&gt;</c>) is checked like any other before anything is created.</summary>
public sealed class StoredInputCheckTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void AffinitiesWithoutAChannelAxisAreRefusedBeforeAnythingIsCreated()
    {
        string path = temp.Combine("data.zarr", "affs");
        VolumeArray.Prepare(path, new PrepareOptions { Shape = [10, 10], ChunkShape = [5, 5], DataType = DataType.Float32, VoxelSize = new Coordinate(1, 1) });
        var db = new SqliteGraphConfig { Path = temp.Combine("db.sqlite"), Ndim = 2 };
        var task = new ExtractFrags
        {
            Db = db,
            AffsData = new Affs { Store = path, Neighborhood = [new Coordinate(1, 0), new Coordinate(0, 1)] },
            FragsData = new Labels { Store = temp.Combine("data.zarr", "frags") },
            BlockSize = new Coordinate(5, 5),
            Context = new Coordinate(1, 1),
            Bias = [-0.5, -0.5],
        };

        var error = Assert.IsType<TaskFieldException>(Assert.ThrowsAny<ArgumentException>(() => Runner.Run(task, new RunOptions
        {
            Mode = ExecutionMode.Serial,
            LogDirectory = temp.Combine("logs"),
            Progress = new StringWriter(),
            RedrawProgress = false,
        })));

        Assert.Equal("affs_data", error.Field);
        Assert.Equal($"'{path}' has 0 channel axes, but affinities have exactly one (a channel per offset)", error.Problem);
        Assert.False(Directory.Exists(task.FragsData.Store));
        Assert.False(File.Exists(db.Path));
    }
}
