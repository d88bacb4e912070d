using System.Text.Json.Nodes;
using Volara.Runtime.Dsl.Description;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Tests.Support;
using Volara.TestWorker;

namespace Volara.Runtime.Tests.Engine.Workers;

public sealed class TaskRegistryTests
{
    private static WriteIdsTask Sample() => new()
    {
        TaskName = "ids",
        TotalRoi = new Roi(new Coordinate(4, 8), new Coordinate(16, 32)),
        BlockSize = new Coordinate(8, 8),
        Execution = new() { NumWorkers = 3, MaxRetries = 5, BlockTimeout = TimeSpan.FromSeconds(2.5) },
        OutputPath = "out.zarr",
        FailBlockIds = [7, 9],
    };

    [Fact]
    public void ATaskOfAnotherAssemblyIsFoundByItsTypeAndRebuiltWithEveryField()
    {
        var config = Sample().ToConfig()!;
        Assert.Equal("test_write_ids", config["task_type"]!.GetValue<string>());
        Assert.Equal("out.zarr", config["output_path"]!.GetValue<string>());

        var rebuilt = Assert.IsType<WriteIdsTask>(new TaskRegistry().Create(config));

        Assert.Equal("ids", rebuilt.Name);
        Assert.Equal(Sample().Layout, rebuilt.Layout);
        Assert.Equal(Sample().Execution, rebuilt.Execution);
        Assert.Equal([7UL, 9UL], rebuilt.FailBlockIds);
        Assert.Equal(config.ToJsonString(), rebuilt.ToConfig()!.ToJsonString());
    }

    [Fact]
    public void AnUnknownTaskTypeNamesItselfAndTheKnownTypes()
    {
        var config = Sample().ToConfig()!;
        config["task_type"] = "no_such_task";

        var error = Assert.Throws<UnknownTaskTypeException>(() => new TaskRegistry().Create(config));

        Assert.Contains("'no_such_task'", error.Message);
        Assert.Contains("test_write_ids", error.Message);
        Assert.Contains("test_noop", error.Message);
    }

    [Fact]
    public void WithoutDiscoveryOnlyExplicitlyRegisteredTasksAreKnown()
    {
        var registry = new TaskRegistry(discover: false);
        registry.Register<NoOpTask>();

        Assert.Equal(["test_noop"], registry.KnownTaskTypes);
        Assert.Throws<UnknownTaskTypeException>(() => registry.Create(Sample().ToConfig()!));
    }

    [Fact]
    public void ABrokenConfigurationFileIsReportedWithItsPath()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("config.json");
        File.WriteAllText(path, "{\"task_type\": \"test_write_ids\", \"task_name\": 3");

        var error = Assert.Throws<InvalidDataException>(() => new TaskRegistry().Load(path));

        Assert.Contains(path, error.Message);
        Assert.Throws<FileNotFoundException>(() => new TaskRegistry().Load(temp.Combine("missing.json")));
    }

    [Fact]
    public void AConfigurationWithoutTaskTypeIsRefused()
    {
        var error = Assert.Throws<InvalidDataException>(() => new TaskRegistry().Create(new JsonObject { ["task_name"] = "x" }));
        Assert.Contains("task_type", error.Message);
    }

    [Fact]
    public void TwoClassesClaimingOneTaskTypeAreRefusedWithBothNames()
    {
        var registry = new TaskRegistry(discover: false);
        registry.Register<NoOpTask>();
        var impostor = TaskDescriptor.ForContract<WriteIdsTask>("test_noop", Volara.Runtime.Serialization.JsonContracts.Resolver);

        var error = Assert.Throws<InvalidOperationException>(() => registry.Register(impostor));

        Assert.Contains("NoOpTask", error.Message);
        Assert.Contains("WriteIdsTask", error.Message);
    }

    [Fact]
    public void EveryDescribedTaskOfALoadedAssemblyIsKnownWithoutSearching()
    {
        _ = Sample();
        var known = new TaskRegistry().KnownTaskTypes;

        Assert.Contains("test_write_ids", known);
        Assert.Contains("extract-frags", known);
        Assert.Same(WriteIdsTask.Descriptor, TaskCatalog.Find("test_write_ids"));
    }

    [Fact]
    public void AMisspeltFieldInAConfigurationIsRefusedNotDropped()
    {
        var config = Sample().ToConfig()!;
        config["fail_block_idz"] = new JsonArray(1);

        var error = Assert.Throws<InvalidDataException>(() => new TaskRegistry().Create(config));

        Assert.Contains("fail_block_idz", error.Message);
    }

    [Fact]
    public void AMisspeltFieldOfAGeneratedTaskIsNamedWithTheTasksFields()
    {
        var task = new Volara.Runtime.Tasks.Threshold
        {
            InData = new Volara.Runtime.Datasets.Raw { Store = "in.zarr" },
            Mask = new Volara.Runtime.Datasets.Labels { Store = "mask.zarr" },
            Value = 0.5,
            BlockSize = new Coordinate(4, 4),
        };
        var config = task.ToConfig()!;
        config["treshold"] = 2;

        var error = Assert.Throws<InvalidDataException>(() => new TaskRegistry().Create(config));

        Assert.Contains("unknown field 'treshold' (the fields of threshold are in_data, mask, threshold, block_size, roi, execution)", error.Message);
    }
}
