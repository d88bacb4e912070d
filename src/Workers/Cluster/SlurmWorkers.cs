using System.Globalization;
using System.Text.Json.Serialization;
using Volara.Runtime.Engine;

namespace Volara.Workers.Cluster;

/// <summary>
/// Workers as Slurm jobs: <c>sbatch --wait --parsable --job-name=TASK --ntasks=1 --cpus-per-task=N [--gpus=G]
/// [--mem=M] [--partition=P] [--constraint=C] [--time=T] --output=LOG --error=LOG --open-mode=append [extra…]
/// --wrap=WORKER</c>, cancelled with <c>scancel ID…</c>. The JSON field names are volara's (<c>queue</c>,
/// <c>num_cpus</c>, <c>num_gpus</c>).
/// </summary>
[WorkerType("slurm")]
[Volara.Runtime.Serialization.JsonContract]
public sealed partial record SlurmWorkers : ClusterWorkers
{
    /// <summary>The partition (<c>--partition</c>); null is the cluster's default partition.</summary>
    [JsonPropertyName("queue")]
    public string? Partition { get; init; }

    /// <summary>CPUs per worker (<c>--cpus-per-task</c>).</summary>
    [JsonPropertyName("num_cpus")]
    public int Cpus { get; init; } = 1;

    /// <summary>GPUs per worker (<c>--gpus</c>); 0 asks for none.</summary>
    [JsonPropertyName("num_gpus")]
    public int Gpus { get; init; }

    /// <summary>Memory per worker in Slurm's notation (<c>--mem</c>, e.g. <c>"16G"</c> or <c>"15564"</c> MB); null is the partition default.</summary>
    public string? Memory { get; init; }

    /// <summary>Node features the job needs (<c>--constraint</c>).</summary>
    public string? Constraint { get; init; }

    /// <summary>The job's wall-time limit (<c>--time</c>); null is the partition default.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Further <c>sbatch</c> options, placed before <c>--wrap</c> (e.g. <c>--account=lab</c>).</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    [JsonIgnore]
    public override string SchedulerName => "Slurm";

    public override IReadOnlyList<string> SubmitCommand(string jobName, string logPath, IReadOnlyList<string> workerCommand)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobName);
        ArgumentException.ThrowIfNullOrEmpty(logPath);
        ArgumentNullException.ThrowIfNull(workerCommand);
        if (Cpus < 1 || Gpus < 0)
        {
            throw new ArgumentException($"Slurm workers need num_cpus >= 1 and num_gpus >= 0 (got {Cpus} and {Gpus})");
        }

        var command = new List<string>
        {
            "sbatch", "--wait", "--parsable", $"--job-name={jobName}", "--ntasks=1",
            $"--cpus-per-task={Cpus.ToString(CultureInfo.InvariantCulture)}",
        };
        if (Gpus > 0)
        {
            command.Add($"--gpus={Gpus.ToString(CultureInfo.InvariantCulture)}");
        }

        if (Memory is { Length: > 0 })
        {
            command.Add($"--mem={Memory}");
        }

        if (Partition is { Length: > 0 })
        {
            command.Add($"--partition={Partition}");
        }

        if (Constraint is { Length: > 0 })
        {
            command.Add($"--constraint={Constraint}");
        }

        if (TimeLimit is { } limit)
        {
            command.Add($"--time={FormatTime(limit)}");
        }

        command.Add($"--output={logPath}");
        command.Add($"--error={logPath}");

        // The driver writes the submission's own lines into the same log; append keeps both.
        command.Add("--open-mode=append");
        command.AddRange(ExtraArgs);
        command.Add($"--wrap={ShellWords.Join(workerCommand)}");
        return command;
    }

    public override IReadOnlyList<string> CancelCommand(IReadOnlyList<string> jobIds) => ["scancel", .. jobIds];

    /// <summary><c>--parsable</c> prints <c>ID</c> or <c>ID;cluster</c>; without it sbatch prints <c>Submitted batch job ID</c>.</summary>
    public override string? ParseJobId(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Trim();
        const string Plain = "Submitted batch job ";
        if (text.StartsWith(Plain, StringComparison.Ordinal))
        {
            text = text[Plain.Length..].Trim();
        }

        var id = text.Split(';')[0];
        return id.Length > 0 && id.All(char.IsAsciiDigit) ? id : null;
    }

    /// <summary>Slurm's <c>days-hours:minutes:seconds</c>, rounded up to whole seconds.</summary>
    private static string FormatTime(TimeSpan limit)
    {
        var seconds = (long)Math.Ceiling(limit.TotalSeconds);
        if (seconds <= 0)
        {
            throw new ArgumentException($"Slurm time_limit must be positive (got {limit})");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400}-{seconds / 3600 % 24:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
    }
}
