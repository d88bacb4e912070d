using System.Text.Json.Serialization;
using Volara.Runtime.Engine;

namespace Volara.Workers.Cluster;

/// <summary>
/// Worker processes run as jobs of a cluster scheduler, one job per worker. The driver submits each job with a
/// blocking submission command (whose exit is the job's end), remembers the job id the scheduler prints, and
/// cancels every job still alive when the run ends, however it ends. The job runs the worker entry of the
/// same program, which connects back to the driver's gRPC endpoint; the file system holding the program, the
/// data and the log directory must be shared with the compute nodes.
/// </summary>
public abstract record ClusterWorkers : WorkerConfig
{
    /// <summary>
    /// Variables set for the scheduler's commands (e.g. <c>SLURM_CONF</c>); schedulers hand the submitting
    /// environment to the job, so the worker sees them too.
    /// </summary>
    [JsonConverter(typeof(VerbatimKeysJsonConverter))]
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A worker job that has not connected this long after its submission is cancelled (and counts as died);
    /// null waits as long as the scheduler keeps the job queued.
    /// </summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>The name of the scheduler, for messages (e.g. "Slurm").</summary>
    [JsonIgnore]
    public abstract string SchedulerName { get; }

    /// <summary>
    /// The blocking submission command (program first) of one worker job named <paramref name="jobName"/> whose
    /// standard output and error are appended to <paramref name="logPath"/> and which runs <paramref name="workerCommand"/>.
    /// </summary>
    public abstract IReadOnlyList<string> SubmitCommand(string jobName, string logPath, IReadOnlyList<string> workerCommand);

    /// <summary>The command (program first) that cancels the given jobs.</summary>
    public abstract IReadOnlyList<string> CancelCommand(IReadOnlyList<string> jobIds);

    /// <summary>The job id in a line the submission command printed, or null when the line holds none.</summary>
    public abstract string? ParseJobId(string line);
}
