namespace Volara.Runtime.Engine.Pipelines;

/// <summary>
/// The data flow of a pipeline over the tasks' <see cref="IBlockwiseTask.DatasetPorts"/>, checked before anything is
/// created: no array has two writers, and no task reads an array it writes unless it declares the read-write
/// conflict that orders its blocks.
/// </summary>
public static class PipelineDataflow
{
    /// <summary>Throws a <see cref="PipelineException"/> listing every problem.</summary>
    public static void Check(IReadOnlyList<IBlockwiseTask> tasks)
    {
        var problems = new List<string>();
        var writers = new Dictionary<string, (string Task, string Field)>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            var ports = task.DatasetPorts;
            foreach (var output in ports)
            {
                if (!output.IsOutput)
                {
                    continue;
                }

                if (writers.TryGetValue(output.StoreKey, out var first))
                {
                    problems.Add(
                        $"task '{task.Name}': {output.Field} '{output.Dataset.Store}' is also written by task '{first.Task}' ({first.Field}); two writers of one array would overwrite each other's blocks");
                }
                else
                {
                    writers[output.StoreKey] = (task.Name, output.Field);
                }
            }

            foreach (var input in ports)
            {
                if (!input.IsOutput && ports.FirstOrDefault(p => p.IsOutput && p.StoreKey == input.StoreKey) is { } output && !task.Layout.ReadWriteConflict)
                {
                    problems.Add(
                        $"task '{task.Name}': {input.Field} '{input.Dataset.Store}' is also its output {output.Field}; a task that reads the array it writes sees what neighbouring blocks already wrote — write to another array, or declare the read-write conflict");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new PipelineException(string.Join("; ", problems));
        }
    }
}
