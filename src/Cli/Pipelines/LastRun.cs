using System.Text.Json.Nodes;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;

namespace Volara.Cli.Pipelines;

/// <summary>
/// How a task's last run ended, kept in <c>&lt;logdir&gt;/&lt;task&gt;-meta/last_run.json</c> so that
/// <c>volara status</c> can tell failed blocks without running anything (the done-store only knows done ones).
/// </summary>
public sealed record LastRun(DateTimeOffset FinishedAt, long Total, long Completed, long Failed, long Orphaned, IReadOnlyList<ulong> FailedBlocks, long? PeakWorkerMemoryBytes)
{
    public const string FileName = "last_run.json";

    public static void Write(string logDirectory, TaskResult result)
    {
        var failedBlocks = result.Failures.Select(f => f.BlockId).Distinct().Order().ToList();
        var node = new JsonObject
        {
            ["finished_at"] = DateTimeOffset.UtcNow.ToString("O"),
            ["total"] = result.Total,
            ["completed"] = result.Completed,
            ["failed"] = result.Failed,
            ["orphaned"] = result.Orphaned,
            ["failed_blocks"] = new JsonArray([.. failedBlocks.Select(id => (JsonNode)JsonValue.Create(id))]),
            ["peak_worker_memory_bytes"] = result.PeakWorkerMemoryBytes,
            ["failures"] = new JsonArray([.. result.Failures.Select(f => (JsonNode)new JsonObject
            {
                ["block_id"] = f.BlockId,
                ["worker"] = f.Failure.WorkerId,
                ["reason"] = f.Failure.Reason,
            })]),
        };
        string meta = TaskPaths.MetaDirectory(logDirectory, result.Name);
        Directory.CreateDirectory(meta);
        string path = Path.Combine(meta, FileName);
        Runtime.Storage.AtomicFile.WriteAllText(path, node.ToJsonString() + "\n");
    }

    /// <summary>The record of the task's last run; null when none was written (or it is unreadable).</summary>
    public static LastRun? Read(string logDirectory, string taskName)
    {
        string path = Path.Combine(TaskPaths.MetaDirectory(logDirectory, taskName), FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            return new LastRun(
                DateTimeOffset.Parse(node["finished_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                node["total"]!.GetValue<long>(),
                node["completed"]!.GetValue<long>(),
                node["failed"]!.GetValue<long>(),
                node["orphaned"]!.GetValue<long>(),
                [.. node["failed_blocks"]!.AsArray().Select(id => id!.GetValue<ulong>())],
                node["peak_worker_memory_bytes"]?.GetValue<long>());
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            return null;
        }
    }
}
