namespace Volara.Cli.Pipelines;

/// <summary>
/// Checks across the tasks of a file: no dataset has two writers, every input exists or is written by a task of the
/// file, and no chain of tasks reads back what it writes (task a writes what b reads, b writes what a reads).
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
            foreach (var port in task.Ports.Where(p => !p.IsOutput && !writers.ContainsKey(p.StoreKey) && !TaskRules.Exists(p.Dataset)))
            {
                report(Pointer(task, port), $"task '{task.Id}': {port.Field} '{port.Dataset.Store}' does not exist, and no task of this file writes it");
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
        foreach (var task in tasks)
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
