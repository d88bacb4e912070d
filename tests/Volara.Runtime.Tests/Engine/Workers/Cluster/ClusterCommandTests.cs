using System.Text.Json;
using System.Text.Json.Nodes;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Dsl.Description;
using Volara.Runtime.Geometry;
using Volara.Runtime.Tasks;
using Volara.Workers;
using Volara.Workers.Cluster;

namespace Volara.Runtime.Tests.Engine.Workers.Cluster;

/// <summary>The scheduler command lines (volara's pinned forms, plus the log and job-id options) and the worker configs' JSON.</summary>
public sealed class ClusterCommandTests
{
    private static readonly string[] VolaraCli = ["volara-cli", "blockwise-worker", "-c", "c.json"];

    [Fact]
    public void SlurmSubmitsOneBlockingJobPerWorkerWithTheRequestedResources()
    {
        var slurm = new SlurmWorkers { Partition = "gpu-q", Gpus = 1, Cpus = 4, Memory = "15564" };

        var command = slurm.SubmitCommand("mytask", "/logs/mytask/worker_0.log", VolaraCli);

        Assert.Equal(
            ["sbatch", "--wait", "--parsable", "--job-name=mytask", "--ntasks=1", "--cpus-per-task=4", "--gpus=1", "--mem=15564",
             "--partition=gpu-q", "--output=/logs/mytask/worker_0.log", "--error=/logs/mytask/worker_0.log", "--open-mode=append",
             "--wrap=volara-cli blockwise-worker -c c.json"],
            command);
        Assert.DoesNotContain("srun", command);
    }

    [Fact]
    public void SlurmOptionalFieldsAppearOnlyWhenSetAndExtraArgumentsComeBeforeTheWrap()
    {
        var slurm = new SlurmWorkers
        {
            Constraint = "a100",
            TimeLimit = TimeSpan.FromHours(26) + TimeSpan.FromSeconds(61.2),
            ExtraArgs = ["--account=lab", "--qos=high"],
        };

        var command = slurm.SubmitCommand("t", "w.log", ["prog"]);

        Assert.Equal(
            ["sbatch", "--wait", "--parsable", "--job-name=t", "--ntasks=1", "--cpus-per-task=1", "--constraint=a100", "--time=1-02:01:02",
             "--output=w.log", "--error=w.log", "--open-mode=append", "--account=lab", "--qos=high", "--wrap=prog"],
            command);
    }

    [Fact]
    public void TheWrappedWorkerCommandIsShellQuotedOnce()
    {
        var command = new SlurmWorkers().SubmitCommand("t", "w.log", ["volara-cli", "-c", "/a path/c.json", "it's", ""]);

        var wrap = Assert.Single(command, argument => argument.StartsWith("--wrap=", StringComparison.Ordinal));
        Assert.Equal("--wrap=volara-cli -c '/a path/c.json' 'it'\\''s' ''", wrap);
        Assert.Single(command, argument => argument == "--ntasks=1");
    }

    [Fact]
    public void LsfSubmitsWithBsubKAndTheVolaraOrderOfOptions()
    {
        var lsf = new LsfWorkers { Queue = "gpu-q" };

        Assert.Equal(
            ["bsub", "-K", "-J", "mytask", "-n", "1", "-q", "gpu-q", "-o", "w.log", "-e", "w.log", "volara-cli", "blockwise-worker", "-c", "c.json"],
            lsf.SubmitCommand("mytask", "w.log", VolaraCli));

        var rich = new LsfWorkers { Queue = "q", Cores = 8, Gpus = 2, Memory = "16GB", ExtraArgs = ["-P", "lab"] };
        Assert.Equal(
            ["bsub", "-K", "-J", "t", "-n", "8", "-gpu", "num=2", "-q", "q", "-M", "16GB", "-o", "w.log", "-e", "w.log", "-P", "lab", "prog", "'/a b/c.json'"],
            rich.SubmitCommand("t", "w.log", ["prog", "/a b/c.json"]));
    }

    [Fact]
    public void JobIdsAreReadFromWhatTheSchedulersPrint()
    {
        var slurm = new SlurmWorkers();
        Assert.Equal("4711", slurm.ParseJobId("4711"));
        Assert.Equal("4711", slurm.ParseJobId("4711;cluster-a"));
        Assert.Equal("12", slurm.ParseJobId("Submitted batch job 12"));
        Assert.Null(slurm.ParseJobId("sbatch: error: invalid partition specified: nope"));
        Assert.Equal(["scancel", "1", "2"], slurm.CancelCommand(["1", "2"]));

        var lsf = new LsfWorkers();
        Assert.Equal("803", lsf.ParseJobId("Job <803> is submitted to queue <normal>."));
        Assert.Null(lsf.ParseJobId("<<Waiting for dispatch ...>>"));
        Assert.Equal(["bkill", "803"], lsf.CancelCommand(["803"]));
    }

    [Fact]
    public void AWorkerConfigTravelsInTheTaskConfigurationWithVolaraFieldNames()
    {
        var threshold = new Threshold
        {
            InData = new Raw { Store = "in.zarr" },
            Mask = new Labels { Store = "mask.zarr" },
            Value = 0.5,
            BlockSize = new Coordinate(4, 4),
            Execution = new()
            {
                NumWorkers = 3,
                Workers = new SlurmWorkers
                {
                    Partition = "gpu",
                    Cpus = 2,
                    Gpus = 1,
                    Memory = "8G",
                    TimeLimit = TimeSpan.FromMinutes(90),
                    ExtraArgs = ["--account=lab"],
                    Environment = new Dictionary<string, string> { ["SLURM_CONF"] = "/etc/x.conf" },
                },
            },
        };

        var config = threshold.ToConfig()!;
        var workers = config["execution"]!["worker_config"]!.AsObject();
        Assert.Equal("slurm", workers["worker_type"]!.GetValue<string>());
        Assert.Equal("gpu", workers["queue"]!.GetValue<string>());
        Assert.Equal(2, workers["num_cpus"]!.GetValue<int>());
        Assert.Equal(1, workers["num_gpus"]!.GetValue<int>());
        Assert.Equal(5400, workers["time_limit"]!.GetValue<double>());
        Assert.Equal("/etc/x.conf", workers["environment"]!["SLURM_CONF"]!.GetValue<string>());

        var back = (Threshold)new TaskRegistry().Create(JsonNode.Parse(TaskJson.Format(config))!.AsObject());
        var slurm = Assert.IsType<SlurmWorkers>(back.Execution.Workers);
        Assert.Equal(("gpu", 2, 1, "8G", TimeSpan.FromMinutes(90)), (slurm.Partition, slurm.Cpus, slurm.Gpus, slurm.Memory, slurm.TimeLimit));
        Assert.Equal(["--account=lab"], slurm.ExtraArgs);
        Assert.Equal("/etc/x.conf", slurm.Environment["SLURM_CONF"]);
        Assert.Equal(3, back.Execution.NumWorkers);
    }

    [Fact]
    public void LsfAndLocalConfigsReadFromAPipelineFile()
    {
        var lsf = Read("""{"num_workers": 2, "worker_config": {"worker_type": "lsf", "queue": "long", "num_cpus": 4, "extra_args": ["-P", "lab"]}}""");
        var config = Assert.IsType<LsfWorkers>(lsf.Workers);
        Assert.Equal(("long", 4, 0), (config.Queue, config.Cores, config.Gpus));
        Assert.Equal(["-P", "lab"], config.ExtraArgs);

        Assert.IsType<LocalWorkers>(Read("""{"worker_config": {"worker_type": "local"}}""").Workers);
        Assert.Null(Read("""{"num_workers": 1}""").Workers);
        Assert.DoesNotContain("worker_config", JsonSerializer.Serialize(new ExecutionOptions(), TaskJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void FieldsLeftOutOfAWorkerConfigKeepTheirDefaults()
    {
        // One CPU and no extra arguments unless the file says otherwise (not 0 and null).
        var slurm = Assert.IsType<SlurmWorkers>(Read("""{"worker_config": {"worker_type": "slurm"}}""").Workers);
        Assert.Equal((1, 0), (slurm.Cpus, slurm.Gpus));
        Assert.Empty(slurm.ExtraArgs);
        Assert.Equal(1, Assert.IsType<LsfWorkers>(Read("""{"worker_config": {"worker_type": "lsf"}}""").Workers).Cores);
    }

    [Fact]
    public void AnUnknownWorkerTypeIsNamedInTheError()
    {
        var error = Assert.Throws<JsonException>(() => Read("""{"worker_config": {"worker_type": "pbs", "queue": "q"}}"""));
        Assert.Contains("'pbs'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'slurm'", error.Message, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => Read("""{"worker_config": {"queue": "q"}}"""));
    }

    private static ExecutionOptions Read(string json) =>
        JsonSerializer.Deserialize<ExecutionOptions>(json, TaskJson.Options)!;
}
