namespace Volara.Runtime.Engine.Pipelines;

/// <summary>
/// A DAG of tasks. <c>a + b</c> runs b after a (every sink of a feeds every source of b; a block of b waits
/// only for the blocks of a whose writes overlap its reads); <c>a | b</c> runs both independently.
/// Pipelines are immutable.
/// </summary>
public sealed class Pipeline
{
    private readonly List<IBlockwiseTask> tasks;
    private readonly HashSet<(string From, string To)> edges;

    private Pipeline(List<IBlockwiseTask> tasks, HashSet<(string From, string To)> edges)
    {
        this.tasks = tasks;
        this.edges = edges;
    }

    /// <summary>A pipeline of one task.</summary>
    public static Pipeline Of(IBlockwiseTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (string.IsNullOrWhiteSpace(task.Name))
        {
            throw new PipelineException($"a task of type {task.GetType().Name} has no name");
        }

        return new Pipeline([task], []);
    }

    /// <summary>A pipeline of independent tasks.</summary>
    public static Pipeline Parallel(params IEnumerable<IBlockwiseTask> tasks)
    {
        Pipeline? result = null;
        foreach (var task in tasks)
        {
            result = result is null ? Of(task) : result | Of(task);
        }

        return result ?? throw new PipelineException("a pipeline needs at least one task");
    }

    /// <summary>Tasks in insertion order.</summary>
    public IReadOnlyList<IBlockwiseTask> Tasks => tasks;

    /// <summary>Dependencies by task name (upstream, downstream).</summary>
    public IReadOnlyCollection<(string From, string To)> Edges => edges;

    public IBlockwiseTask this[string name] =>
        tasks.Find(t => t.Name == name) ?? throw new KeyNotFoundException($"the pipeline has no task named '{name}'");

    /// <summary>Tasks without upstream tasks.</summary>
    public IReadOnlyList<IBlockwiseTask> Sources => tasks.FindAll(t => !edges.Any(e => e.To == t.Name));

    /// <summary>Tasks without downstream tasks.</summary>
    public IReadOnlyList<IBlockwiseTask> Sinks => tasks.FindAll(t => !edges.Any(e => e.From == t.Name));

    public IReadOnlyList<IBlockwiseTask> UpstreamOf(string name) =>
        tasks.FindAll(t => edges.Contains((t.Name, name)));

    public static Pipeline operator +(Pipeline upstream, Pipeline downstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(downstream);
        var sinks = upstream.Sinks;
        var sources = downstream.Sources;
        var merged = Union(upstream, downstream);
        foreach (var sink in sinks)
        {
            foreach (var source in sources)
            {
                if (sink.Name == source.Name)
                {
                    throw new PipelineException($"task '{sink.Name}' cannot run after itself");
                }

                merged.edges.Add((sink.Name, source.Name));
            }
        }

        merged.TopologicalOrder();
        return merged;
    }

    public static Pipeline operator |(Pipeline left, Pipeline right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return Union(left, right);
    }

    public static Pipeline operator +(Pipeline upstream, IBlockwiseTask downstream) => upstream + Of(downstream);

    public static Pipeline operator +(IBlockwiseTask upstream, Pipeline downstream) => Of(upstream) + downstream;

    public static Pipeline operator |(Pipeline left, IBlockwiseTask right) => left | Of(right);

    public static Pipeline operator |(IBlockwiseTask left, Pipeline right) => Of(left) | right;

    /// <summary>Tasks ordered so that every task comes after its upstream tasks (ties in insertion order).</summary>
    public IReadOnlyList<IBlockwiseTask> TopologicalOrder()
    {
        var indegree = new Dictionary<string, int>();
        foreach (var task in tasks)
        {
            indegree[task.Name] = 0;
        }

        foreach (var (_, to) in edges)
        {
            indegree[to]++;
        }

        var order = new List<IBlockwiseTask>(tasks.Count);
        var placed = new HashSet<string>();
        bool progress = true;
        while (order.Count < tasks.Count && progress)
        {
            progress = false;
            foreach (var task in tasks)
            {
                if (placed.Contains(task.Name) || indegree[task.Name] != 0)
                {
                    continue;
                }

                order.Add(task);
                placed.Add(task.Name);
                progress = true;
                foreach (var (from, to) in edges)
                {
                    if (from == task.Name)
                    {
                        indegree[to]--;
                    }
                }
            }
        }

        if (order.Count < tasks.Count)
        {
            var inCycle = tasks.Where(t => !placed.Contains(t.Name)).Select(t => $"'{t.Name}'");
            throw new PipelineException($"the pipeline has a cycle through the tasks {string.Join(", ", inCycle)}");
        }

        return order;
    }

    public override string ToString() =>
        $"Pipeline({tasks.Count} tasks: {string.Join(", ", tasks.Select(t => t.Name))}; {edges.Count} edges)";

    private static Pipeline Union(Pipeline a, Pipeline b)
    {
        var tasks = new List<IBlockwiseTask>(a.tasks);
        foreach (var task in b.tasks)
        {
            var existing = tasks.Find(t => t.Name == task.Name);
            if (existing is null)
            {
                tasks.Add(task);
            }
            else if (!ReferenceEquals(existing, task) && !existing.Equals(task))
            {
                throw new PipelineException($"two different tasks are named '{task.Name}'; task names must be unique in a pipeline");
            }
        }

        var edges = new HashSet<(string, string)>(a.edges);
        edges.UnionWith(b.edges);
        return new Pipeline(tasks, edges);
    }
}
