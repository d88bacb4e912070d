using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;
using Volara.Runtime.Engine;

namespace Volara.Workers.Cluster;

/// <summary>
/// Workers as LSF jobs: <c>bsub -K -J TASK -n N [-gpu num=G] [-q QUEUE] [-M MEM] -o LOG -e LOG [extra…] WORKER…</c>,
/// cancelled with <c>bkill ID…</c>. The JSON field names are volara's (<c>queue</c>, <c>num_cpus</c>, <c>num_gpus</c>).
/// </summary>
[WorkerType("lsf")]
[Volara.Runtime.Serialization.JsonContract]
public sealed partial record LsfWorkers : ClusterWorkers
{
    /// <summary>The queue (<c>-q</c>); null is the cluster's default queue.</summary>
    public string? Queue { get; init; }

    /// <summary>Cores per worker (<c>-n</c>).</summary>
    [JsonPropertyName("num_cpus")]
    public int Cores { get; init; } = 1;

    /// <summary>GPUs per worker (<c>-gpu num=G</c>); 0 asks for none.</summary>
    [JsonPropertyName("num_gpus")]
    public int Gpus { get; init; }

    /// <summary>Memory limit per worker in LSF's notation (<c>-M</c>, e.g. <c>"16GB"</c>); null is the queue default.</summary>
    public string? Memory { get; init; }

    /// <summary>Further <c>bsub</c> options, placed before the worker command (e.g. <c>-P project</c>).</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    [JsonIgnore]
    public override string SchedulerName => "LSF";

    public override IReadOnlyList<string> SubmitCommand(string jobName, string logPath, IReadOnlyList<string> workerCommand)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobName);
        ArgumentException.ThrowIfNullOrEmpty(logPath);
        ArgumentNullException.ThrowIfNull(workerCommand);
        if (Cores < 1 || Gpus < 0)
        {
            throw new ArgumentException($"LSF workers need num_cpus >= 1 and num_gpus >= 0 (got {Cores} and {Gpus})");
        }

        var command = new List<string> { "bsub", "-K", "-J", jobName, "-n", Cores.ToString(CultureInfo.InvariantCulture) };
        if (Gpus > 0)
        {
            command.Add("-gpu");
            command.Add($"num={Gpus.ToString(CultureInfo.InvariantCulture)}");
        }

        if (Queue is { Length: > 0 })
        {
            command.Add("-q");
            command.Add(Queue);
        }

        if (Memory is { Length: > 0 })
        {
            command.Add("-M");
            command.Add(Memory);
        }

        command.AddRange(["-o", logPath, "-e", logPath]);
        command.AddRange(ExtraArgs);

        // LSF joins the command words into a shell command line; quoting keeps paths with spaces whole.
        foreach (var word in workerCommand)
        {
            command.Add(ShellWords.Quote(word));
        }

        return command;
    }

    public override IReadOnlyList<string> CancelCommand(IReadOnlyList<string> jobIds) => ["bkill", .. jobIds];

    /// <summary>bsub prints <c>Job &lt;ID&gt; is submitted to queue &lt;Q&gt;.</c></summary>
    public override string? ParseJobId(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = SubmittedJob().Match(line);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^Job <(\d+)> is submitted")]
    private static partial Regex SubmittedJob();
}
