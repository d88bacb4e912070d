using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Storage;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tasks;
using Volara.Runtime.Tests.Support;
using Volara.Runtime.Tests.Tasks;
using Volara.TestWorker;
using Volara.Workers;
using Volara.Workers.Cluster;

namespace Volara.Runtime.Tests.Engine.Workers.Cluster;

/// <summary>
/// Workers as jobs of a real Slurm: the output equals a local run, a cancelled worker job loses nothing, a rerun
/// resumes from the done-store, and no job outlives its run.
/// </summary>
[Collection(RunnerProcessCollection.Name)]
public sealed class SlurmWorkerTests : IClassFixture<LocalSlurm>, IClassFixture<PostgresServer>, IDisposable
{
    private readonly LocalSlurm _slurm;
    private readonly PostgresServer _postgres;
    private readonly TempDirectory _temp = new();

    public SlurmWorkerTests(LocalSlurm slurm, PostgresServer postgres)
    {
        _slurm = slurm;
        _postgres = postgres;

        // Workers connect from "another node": the driver listens on every interface (the default with cluster
        // workers); the address is given because a test machine's host name need not resolve.
        ProcessExecutor.RegisterWithRunner(new ProcessExecutorOptions
        {
            WorkerCommand = TestWorkerProgram.Command,
            AdvertisedHost = "127.0.0.1",
            ShutdownGrace = TimeSpan.FromSeconds(15),
        });
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AThresholdPipelineOnSlurmWorkersWritesWhatALocalRunWritesAndLeavesNoJobs()
    {
        var raw = _temp.Combine("data.zarr", "raw");
        var array = VolumeArray.Prepare(raw, new PrepareOptions { Shape = [37, 29], ChunkShape = [8, 8], DataType = DataType.UInt8 });
        var values = new byte[37 * 29];
        new Random(11).NextBytes(values);
        array.Write(array.Roi, (ReadOnlySpan<byte>)values);

        Threshold Task(string mask, double value, string input, WorkerConfig? workers) => new()
        {
            InData = new Raw { Store = input },
            Mask = new Labels { Store = _temp.Combine("data.zarr", mask) },
            Value = value,
            BlockSize = new Coordinate(8, 10),
            Execution = new ExecutionOptions { NumWorkers = 2, Workers = workers },
        };

        var slurm = new SlurmWorkers { Partition = "debug", Memory = "200", TimeLimit = TimeSpan.FromMinutes(10), Environment = _slurm.Environment };
        var local = Runner.Run(Task("local-a", 100, raw, null) + Task("local-b", 0.5, _temp.Combine("data.zarr", "local-a"), null), Options("local", ExecutionMode.Threads));
        var first = Task("slurm-a", 100, raw, slurm);
        var second = Task("slurm-b", 0.5, _temp.Combine("data.zarr", "slurm-a"), slurm);
        var result = Runner.Run(first + second, Options("slurm", ExecutionMode.Processes));

        Assert.True(local.Succeeded, local.Summary);
        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(Read("local-a"), Read("slurm-a"));
        Assert.Equal(Read("local-b"), Read("slurm-b"));
        Assert.Equal(values.Select(v => v > 100 ? (byte)1 : (byte)0), Read("slurm-b"));

        // The jobs ran the worker entry and left their output in the shared log directory.
        var log = File.ReadAllText(TaskPaths.WorkerLog(Path.GetFullPath(_temp.Combine("slurm-logs")), first.Name, 0));
        Assert.Contains("sbatch --wait --parsable --job-name=slurm-a-threshold", log, StringComparison.Ordinal);
        Assert.Contains("Slurm job ", log, StringComparison.Ordinal);
        Assert.Empty(_slurm.Jobs(first.Name, "PD,R"));
        Assert.Empty(_slurm.Jobs(second.Name, "PD,R"));
    }

    [Fact]
    public async Task ScancelOfAWorkerJobMidRunLosesNothingAndARerunSkipsEveryBlock()
    {
        var reference = WriteIds("reference", workers: null, sleepMs: 0);
        Assert.True(Runner.Run(reference, Options("reference", ExecutionMode.Threads)).Succeeded);

        var started = _temp.Combine("started");
        var task = WriteIds("ids", new SlurmWorkers { Environment = _slurm.Environment }, sleepMs: 300, started);
        var run = System.Threading.Tasks.Task.Run(() => Runner.Run(task, Options("ids", ExecutionMode.Processes)));

        await Polling.UntilAsync(() => Directory.Exists(started) && Directory.GetFiles(started).Length >= 3, TimeSpan.FromMinutes(3));
        var jobs = _slurm.Jobs("ids", "R");
        Assert.NotEmpty(jobs);
        _slurm.Cancel(jobs[0]);
        var result = await run.WaitAsync(TimeSpan.FromMinutes(5));

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(ReadIds(reference.OutputPath), ReadIds(task.OutputPath));
        var logs = string.Join("\n", Directory.GetFiles(_temp.Combine("ids-logs", "ids"), "worker_*.log").Select(File.ReadAllText));
        Assert.Contains($"Slurm job {jobs[0]} ended with exit code", logs, StringComparison.Ordinal);
        Assert.Empty(_slurm.Jobs("ids", "PD,R"));

        var rerun = Runner.Run(WriteIds("ids", new SlurmWorkers { Environment = _slurm.Environment }, sleepMs: 300, started), Options("ids", ExecutionMode.Processes));
        Assert.Equal((24L, 24L, 24L, 0L), (rerun["ids"].Total, rerun["ids"].Completed, rerun["ids"].Skipped, rerun["ids"].Failed));
        Assert.Equal(ReadIds(reference.OutputPath), ReadIds(task.OutputPath));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheSegmentationPipelineOnSlurmWorkersSegmentsAsALocalRunAndLeavesNoJobs(bool onPostgres)
    {
        long[] shape = [12, 24, 24];
        var truth = SegmentationPipelineTests.BoxLabels(shape, seed: 7);
        var affinities = SyntheticAffinities.Exact(truth, shape, SegmentationPipeline.ReadmeNeighborhood);
        var (_, affs) = SyntheticDataset.Write(_temp.Combine("volume.zarr"), truth, affinities, shape, SegmentationPipeline.ReadmeNeighborhood, new Coordinate(4, 4, 4), [12, 12, 12]);

        SegmentationPipeline Pipeline(string name, WorkerConfig? workers) => SegmentationPipeline.Readme(
            affs,
            onPostgres
                ? PostgresGraphConfig.FromConnectionString(_postgres.ConnectionStringFor(PostgresServer.NewDatabaseName()))
                : new SqliteGraphConfig { Path = _temp.Combine($"{name}.zarr", "db.sqlite") },
            _temp.Combine($"{name}.zarr"),
            new Coordinate(12, 12, 12),
            new Coordinate(2, 4, 4),
            workers: 2,
            workerConfig: workers);

        var local = Pipeline("local", null);
        var localResult = Runner.Run(local.Pipeline, Options("seg-local", ExecutionMode.Threads));
        var slurm = Pipeline("slurm", new SlurmWorkers { Memory = "200", TimeLimit = TimeSpan.FromMinutes(10), Environment = _slurm.Environment });
        var result = Runner.Run(slurm.Pipeline, Options("seg-slurm", ExecutionMode.Processes));

        Assert.True(localResult.Succeeded, localResult.Summary);
        Assert.True(result.Succeeded, result.Summary);
        var segments = slurm.Relabel.SegData.Array().ReadAll<ulong>().ToArray();
        Assert.Equal(local.ExtractFrags.FragsData.Array().ReadAll<ulong>().ToArray(), slurm.ExtractFrags.FragsData.Array().ReadAll<ulong>().ToArray());
        Assert.Equal(local.Relabel.SegData.Array().ReadAll<ulong>().ToArray(), segments);
        Assert.Equal(truth.Distinct().Count(), segments.Distinct().Count());

        // Every blockwise task ran in Slurm jobs, and none of them is left queued or running.
        foreach (var task in new IBlockwiseTask[] { slurm.ExtractFrags, slurm.AffAgglom, slurm.Relabel })
        {
            var logs = Directory.GetFiles(Path.GetDirectoryName(TaskPaths.WorkerLog(Path.GetFullPath(_temp.Combine("seg-slurm-logs")), task.Name, 0))!);
            Assert.Contains(logs, log => File.ReadAllText(log).Contains("Slurm job ", StringComparison.Ordinal));
            Assert.Empty(_slurm.Jobs(task.Name, "PD,R"));
        }
    }

    private RunOptions Options(string name, ExecutionMode mode) => new()
    {
        Mode = mode,
        LogDirectory = _temp.Combine($"{name}-logs"),
        Progress = TextWriter.Null,
        ShowProgress = false,
    };

    private byte[] Read(string mask) => [.. VolumeArray.Open(_temp.Combine("data.zarr", mask)).ReadAll<byte>().ToArray()];

    private WriteIdsTask WriteIds(string name, SlurmWorkers? workers, int sleepMs, string? started = null) => new()
    {
        TaskName = name,
        TotalRoi = DriverMode.Total,
        BlockSize = DriverMode.BlockSize,
        Execution = new() { NumWorkers = 2, MaxRetries = 2, Workers = workers },
        OutputPath = _temp.Combine($"{name}.zarr"),
        SleepEveryBlock = sleepMs > 0,
        SleepMs = sleepMs,
        StartedDirectory = started,
    };

    private static ulong[] ReadIds(string path) => [.. VolumeArray.Open(path).ReadAll<ulong>().ToArray()];
}
