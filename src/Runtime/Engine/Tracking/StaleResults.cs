using System.Text.Json.Nodes;
using Volara.Runtime.Serialization;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Engine.Tracking;

/// <summary>
/// Done-marks are only true of the configuration and outputs they were made with. Before a run creates anything, each
/// task with blocks marked done is compared with what its last run recorded beside the marks (its configuration, the
/// worker configuration written to <c>config.json</c>) and its output arrays must still exist: otherwise the run would
/// skip every block and report done over results that no longer match. How a task is run (<c>execution</c>: worker
/// count, retries, cluster settings) changes no result and is not compared.
/// </summary>
public static class StaleResults
{
    private const string ExecutionField = "execution";

    /// <summary>
    /// The part of a task's configuration its results depend on: all of it but <c>execution</c>. The stale check
    /// compares it, and output provenance fingerprints it.
    /// </summary>
    public static JsonObject ResultDefining(JsonObject config)
    {
        var defining = config.DeepClone().AsObject();
        defining.Remove(ExecutionField);
        return defining;
    }

    /// <summary>Throws <see cref="StaleResultsException"/> listing every task whose done blocks no longer stand.</summary>
    public static void Check(IReadOnlyList<IBlockwiseTask> tasks, string logDirectory)
    {
        var problems = new List<(string Task, string Problem)>();
        foreach (var task in tasks)
        {
            long done = TaskTracking.CountDone(task, logDirectory);
            if (done == 0)
            {
                continue;
            }

            string blocks = done == 1 ? "1 block" : $"{done} blocks";
            if (ChangedFields(task, logDirectory) is { Count: > 0 } changes)
            {
                problems.Add((task.Name, $"task '{task.Name}' has {blocks} done with another configuration ({string.Join("; ", changes)})"));
            }

            foreach (var output in task.DatasetPorts.Where(port => port.IsOutput && !ZarrArray.Exists(port.Dataset.Store)))
            {
                problems.Add((task.Name, $"task '{task.Name}' has {blocks} done, but its output {output.Field} '{output.Dataset.Store}' is gone"));
            }

            foreach (var output in task.MissingOutputs())
            {
                problems.Add((task.Name, $"task '{task.Name}' has {blocks} done, but its output {output} is gone"));
            }
        }

        if (problems.Count > 0)
        {
            throw new StaleResultsException(problems);
        }
    }

    private static List<string> ChangedFields(IBlockwiseTask task, string logDirectory)
    {
        string file = TaskPaths.ConfigFile(logDirectory, task.Name);
        return task.ToConfig() is { } config && File.Exists(file) && JsonNode.Parse(File.ReadAllText(file)) is JsonObject recorded
            ? Differences(recorded, config, task.ConfigDefault)
            : [];
    }

    /// <summary>
    /// "field: old → new" for each field whose value the results depend on differs between two configurations;
    /// <paramref name="defaultOf"/> gives a field's default as JSON text, or null.
    /// </summary>
    internal static List<string> Differences(JsonObject recordedConfig, JsonObject config, Func<string, string?> defaultOf)
    {
        var changes = new List<string>();
        var (recorded, current) = (ResultDefining(recordedConfig), ResultDefining(config));
        foreach (string field in recorded.Select(p => p.Key).Union(current.Select(p => p.Key)))
        {
            var before = recorded[field];
            var after = current[field];
            if (!JsonNode.DeepEquals(before, after) && !(!recorded.ContainsKey(field) && IsDefault(defaultOf(field), after)))
            {
                changes.Add($"{field}: {Show(before)} → {Show(after)}");
            }
        }

        return changes;
    }

    /// <summary>
    /// A field added by a newer version is absent from what an older run recorded; at its default it changes nothing
    /// that run computed.
    /// </summary>
    private static bool IsDefault(string? defaultText, JsonNode? value) =>
        defaultText is not null && JsonNode.DeepEquals(JsonNode.Parse(defaultText), value);

    private static string Show(JsonNode? value) => value is null ? "(not set)" : JsonTokens.Shorten(value.ToJsonString(), longest: 80);
}
