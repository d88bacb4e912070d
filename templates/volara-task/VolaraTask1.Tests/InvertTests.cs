using Volara.Runtime.Datasets;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage.Zarr;

namespace VolaraTask1.Tests;

public sealed class InvertTests : IDisposable
{
    private readonly string container = Path.Combine(Path.GetTempPath(), $"invert-{Guid.NewGuid():N}.zarr");

    [Fact]
    public void EveryVoxelIsInvertedBlockByBlock()
    {
        var raw = SampleVolume.Write(Path.Combine(container, "raw"));
        var task = new Invert
        {
            Image = new Raw { Store = Path.Combine(container, "raw") },
            Inverted = new Raw { Store = Path.Combine(container, "inverted") },
            BlockSize = new Coordinate(8, 32, 32),
        };

        var result = Runner.Run(task, new RunOptions { Mode = ExecutionMode.Serial, LogDirectory = Path.Combine(container, "logs"), ShowProgress = false, PrintSummary = false });

        Assert.True(result.Succeeded);
        var inverted = new byte[raw.Length];
        ZarrArray.Open(Path.Combine(container, "inverted")).Read<byte>([0, 0, 0], SampleVolume.Shape, inverted);
        Assert.Equal(raw.Select(v => (byte)(255 - v)), inverted);
    }

    public void Dispose()
    {
        if (Directory.Exists(container))
        {
            Directory.Delete(container, recursive: true);
        }
    }
}
