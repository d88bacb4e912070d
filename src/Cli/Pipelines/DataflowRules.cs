using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl.Support;
using Volara.Runtime.Engine;

namespace Volara.Cli.Pipelines;

/// <summary>
/// Checks across the tasks of a file: no dataset has two writers, every input exists or is written by a task of the
/// file, an input not written yet will have the channel axes its kind reads, and no chain of tasks reads back what it writes (task a writes what b reads, b writes what a reads).
/// </summary>
public static class DataflowRules
{
    public static void Check(IReadOnlyList<PipelineTask> tasks, Action<string, string> report)
    {
        var writers = new Dictionary<string, (PipelineTask Task, TaskPort Port)>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            foreach (var port in task.Ports.Where(p => p.IsOutput))
            {
                if (writers.TryGetValue(port.StoreKey, out var first) && first.Task != task)
                {
                    report(
                        Pointer(task, port),
                        $"tasks '{first.Task.Id}' ({first.Port.Field}) and '{task.Id}' ({port.Field}) both write '{port.Dataset.Store}'; a dataset has one writer");
                }
                else
                {
                    writers.TryAdd(port.StoreKey, (task, port));
                }
            }
        }

        foreach (var task in tasks)
        {
            foreach (var port in task.Ports.Where(p => !p.IsOutput && !writers.ContainsKey(p.StoreKey) && !p.Exists))
            {
                report(Pointer(task, port), $"task '{task.Id}': {port.Field} '{port.Dataset.Store}' does not exist, and no task of this file writes it");
            }
        }

        // A dataset that does not exist yet has the channel axes its writer will give it; its readers must expect them.
        var written = new Dictionary<TaskPort, int?>(ReferenceEqualityComparer.Instance);
        foreach (var task in tasks)
        {
            foreach (var port in task.Ports.Where(p => !p.IsOutput && !p.Exists))
            {
                if (writers.TryGetValue(port.StoreKey, out var writer) && writer.Task != task
                    && ChannelAxesWritten(writer.Task, writer.Port, writers, written, depth: 0) is { } axes)
                {
                    try
                    {
                        DslTaskSupport.RequireChannelAxes(task.Id, port.Field, port.Dataset, axes);
                    }
                    catch (TaskFieldException error)
                    {
                        report(Pointer(task, port), $"task '{task.Id}': {error.Problem} (as task '{writer.Task.Id}' writes it)");
                    }
                }
            }
        }

        // Edges from the writer of a dataset to each of its readers; a cycle is a strongly connected set.
        var downstream = tasks.ToDictionary(t => t, _ => new List<PipelineTask>());
        foreach (var task in tasks)
        {
            foreach (var port in task.Ports.Where(p => !p.IsOutput))
            {
                if (writers.TryGetValue(port.StoreKey, out var writer) && writer.Task != task)
                {
                    downstream[writer.Task].Add(task);
                }
            }
        }

        var reported = new HashSet<PipelineTask>();
        var inOrAfterCycles = NotOrderable(tasks, downstream);
        foreach (var task in tasks.Where(inOrAfterCycles.Contains))
        {
            if (reported.Contains(task) || FindCycle(task, downstream) is not { } cycle)
            {
                continue;
            }

            reported.UnionWith(cycle);
            string path = string.Join(" → ", cycle.Append(cycle[0]).Select(t => $"'{t.Id}'"));
            report(task.Pointer, $"the tasks read each other's outputs in a cycle: {path}");
        }
    }

    /// <summary>
    /// The channel axes an output will have: none when spatial-only, one for a list output's entry, otherwise those of
    /// the task's first input (prepared like it), read from disk or from that input's own writer; null when unknown.
    /// Each output's answer is kept in <paramref name="known"/>, so a chain of thousands of tasks is walked once.
    /// </summary>
    private static int? ChannelAxesWritten(
        PipelineTask task, TaskPort output, Dictionary<string, (PipelineTask Task, TaskPort Port)> writers, Dictionary<TaskPort, int?> known, int depth)
    {
        if (!known.TryGetValue(output, out var axes))
        {
            axes = known[output] = FindChannelAxesWritten(task, output, writers, known, depth);
        }

        return axes;
    }

    private static int? FindChannelAxesWritten(
        PipelineTask task, TaskPort output, Dictionary<string, (PipelineTask Task, TaskPort Port)> writers, Dictionary<TaskPort, int?> known, int depth)
    {
        if (output.SpatialOnly || output.List)
        {
            return output.List ? 1 : 0;
        }

        // A dataset the task opens itself (a parameter) has a shape only the task knows.
        if (output.OpenedByTask)
        {
            return null;
        }

        var like = task.Ports.FirstOrDefault(p => !p.IsOutput);
        if (like is null || depth > 32)
        {
            return null;
        }

        if (like.Exists)
        {
            try
            {
                return like.Dataset.Array().ChannelDims;
            }
            catch (Exception error) when (error is DatasetException or IOException or ArgumentException)
            {
                return null;
            }
        }

        return writers.TryGetValue(like.StoreKey, out var writer) && writer.Task != task
            ? ChannelAxesWritten(writer.Task, writer.Port, writers, known, depth + 1)
            : null;
    }

    /// <summary>
    /// The tasks that no order puts after all their writers (those in a cycle and those downstream of one), by
    /// repeatedly taking tasks whose writers are all taken: time linear in the tasks, so only these few are searched.
    /// </summary>
    private static HashSet<PipelineTask> NotOrderable(IReadOnlyList<PipelineTask> tasks, Dictionary<PipelineTask, List<PipelineTask>> downstream)
    {
        var waiting = tasks.ToDictionary(t => t, _ => 0);
        foreach (var next in downstream.Values.SelectMany(list => list))
        {
            waiting[next]++;
        }

        var ready = new Queue<PipelineTask>(tasks.Where(t => waiting[t] == 0));
        while (ready.TryDequeue(out var task))
        {
            waiting.Remove(task);
            foreach (var next in downstream[task])
            {
                if (--waiting[next] == 0)
                {
                    ready.Enqueue(next);
                }
            }
        }

        return [.. waiting.Keys];
    }

    private static List<PipelineTask>? FindCycle(PipelineTask start, Dictionary<PipelineTask, List<PipelineTask>> downstream)
    {
        var path = new List<PipelineTask>();
        var visited = new HashSet<PipelineTask>();
        return Walk(start);

        List<PipelineTask>? Walk(PipelineTask task)
        {
            if (task == start && path.Count > 0)
            {
                return [.. path];
            }

            if (!visited.Add(task))
            {
                return null;
            }

            path.Add(task);
            foreach (var next in downstream[task])
            {
                if (Walk(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }
    }

    private static string Pointer(PipelineTask task, TaskPort port) => LocatedDocument.Child(task.Pointer, port.Field);
}
