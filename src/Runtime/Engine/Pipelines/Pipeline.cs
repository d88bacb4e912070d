namespace Volara.Runtime.Engine.Pipelines;

/// <summary>
/// A DAG of tasks. <c>a + b</c> runs b after a (every sink of a feeds every source of b; a block of b waits
/// only for the blocks of a whose writes overlap its reads); <c>a | b</c> runs both independently.
/// Pipelines are immutable.
/// </summary>
public sealed class Pipeline
{
    private readonly List<IBlockwiseTask> tasks;
    private readonly Dictionary<string, IBlockwiseTask> byName;
    private readonly HashSet<(string From, string To)> edges;

    // Kept with the edges so that composing stays linear in the pipeline's size (files of thousands of tasks).
    private readonly HashSet<string> withUpstream;
    private readonly HashSet<string> withDownstream;
    private Dictionary<string, List<IBlockwiseTask>>? upstreamByName;

    private Pipeline(List<IBlockwiseTask> tasks, Dictionary<string, IBlockwiseTask> byName, HashSet<(string From, string To)> edges)
    {
        this.tasks = tasks;
        this.byName = byName;
        this.edges = edges;
        withUpstream = new HashSet<string>(edges.Select(e => e.To), StringComparer.Ordinal);
        withDownstream = new HashSet<string>(edges.Select(e => e.From), StringComparer.Ordinal);
    }

    /// <summary>A pipeline of one task.</summary>
    public static Pipeline Of(IBlockwiseTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (string.IsNullOrWhiteSpace(task.Name))
        {
            throw new PipelineException($"a task of type {task.GetType().Name} has no name");
        }

        return new Pipeline([task], new Dictionary<string, IBlockwiseTask>(StringComparer.Ordinal) { [task.Name] = task }, []);
    }

    /// <summary>A pipeline of independent tasks.</summary>
    public static Pipeline Parallel(params IEnumerable<IBlockwiseTask> tasks) => Parallel(tasks.Select(Of));

    /// <summary><c>p1 | p2 | …</c>, built in one pass (time linear in the tasks and edges).</summary>
    public static Pipeline Parallel(IEnumerable<Pipeline> parts) => Compose(parts, sequence: false);

    /// <summary><c>p1 + p2 + …</c>, built in one pass (time linear in the tasks and edges).</summary>
    public static Pipeline Sequence(IEnumerable<Pipeline> parts) => Compose(parts, sequence: true);

    /// <summary>Tasks in insertion order.</summary>
    public IReadOnlyList<IBlockwiseTask> Tasks => tasks;

    /// <summary>Dependencies by task name (upstream, downstream).</summary>
    public IReadOnlyCollection<(string From, string To)> Edges => edges;

    public IBlockwiseTask this[string name] =>
        byName.GetValueOrDefault(name) ?? throw new KeyNotFoundException($"the pipeline has no task named '{name}'");

    /// <summary>Tasks without upstream tasks.</summary>
    public IReadOnlyList<IBlockwiseTask> Sources => tasks.FindAll(t => !withUpstream.Contains(t.Name));

    /// <summary>Tasks without downstream tasks.</summary>
    public IReadOnlyList<IBlockwiseTask> Sinks => tasks.FindAll(t => !withDownstream.Contains(t.Name));

    /// <summary>The tasks <paramref name="name"/> runs after, in insertion order.</summary>
    public IReadOnlyList<IBlockwiseTask> UpstreamOf(string name)
    {
        if (upstreamByName is null)
        {
            var index = new Dictionary<string, int>(tasks.Count, StringComparer.Ordinal);
            for (int i = 0; i < tasks.Count; i++)
            {
                index[tasks[i].Name] = i;
            }

            var found = new Dictionary<string, List<IBlockwiseTask>>(StringComparer.Ordinal);
            foreach (var (from, to) in edges)
            {
                (found.TryGetValue(to, out var list) ? list : found[to] = []).Add(byName[from]);
            }

            foreach (var list in found.Values)
            {
                list.Sort((a, b) => index[a.Name].CompareTo(index[b.Name]));
            }

            upstreamByName = found;
        }

        return upstreamByName.TryGetValue(name, out var upstream) ? upstream : [];
    }

    /// <summary>The tasks that run after any of <paramref name="names"/>, directly or through others, in topological order.</summary>
    public IReadOnlyList<IBlockwiseTask> DownstreamOf(IEnumerable<string> names)
    {
        var after = edges.ToLookup(edge => edge.From, edge => edge.To);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(names);
        while (pending.TryPop(out var name))
        {
            foreach (var next in after[name].Where(reached.Add))
            {
                pending.Push(next);
            }
        }

        return [.. TopologicalOrder().Where(task => reached.Contains(task.Name))];
    }

    public static Pipeline operator +(Pipeline upstream, Pipeline downstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(downstream);
        var sinks = upstream.Sinks;
        var sources = downstream.Sources;
        bool shared = downstream.tasks.Exists(task => upstream.byName.ContainsKey(task.Name));
        var added = new List<(string From, string To)>(sinks.Count * sources.Count);
        foreach (var sink in sinks)
        {
            foreach (var source in sources)
            {
                if (sink.Name == source.Name)
                {
                    throw new PipelineException($"task '{sink.Name}' cannot run after itself");
                }

                added.Add((sink.Name, source.Name));
            }
        }

        var merged = Union(upstream, downstream, added);

        // New edges run from upstream's tasks to downstream's: only a task on both sides can close a cycle.
        if (shared)
        {
            merged.TopologicalOrder();
        }

        return merged;
    }

    public static Pipeline operator |(Pipeline left, Pipeline right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var merged = Union(left, right, []);

        // Sides that share a task may order it both ways ((a + b) | (b + a)): that is a cycle too.
        if (right.tasks.Exists(task => left.byName.ContainsKey(task.Name)))
        {
            merged.TopologicalOrder();
        }

        return merged;
    }

    public static Pipeline operator +(Pipeline upstream, IBlockwiseTask downstream) => upstream + Of(downstream);

    public static Pipeline operator +(IBlockwiseTask upstream, Pipeline downstream) => Of(upstream) + downstream;

    public static Pipeline operator |(Pipeline left, IBlockwiseTask right) => left | Of(right);

    public static Pipeline operator |(IBlockwiseTask left, Pipeline right) => Of(left) | right;

    /// <summary>
    /// Tasks ordered so that every task comes after its upstream tasks. Ties go in insertion order, pass by pass: each
    /// pass takes, in insertion order, every task whose upstream tasks are all placed by the time the pass reaches it.
    /// </summary>
    public IReadOnlyList<IBlockwiseTask> TopologicalOrder()
    {
        var index = new Dictionary<string, int>(tasks.Count, StringComparer.Ordinal);
        for (int i = 0; i < tasks.Count; i++)
        {
            index[tasks[i].Name] = i;
        }

        var indegree = new int[tasks.Count];
        var downstream = new List<int>?[tasks.Count];
        foreach (var (from, to) in edges)
        {
            indegree[index[to]]++;
            (downstream[index[from]] ??= []).Add(index[to]);
        }

        var order = new List<IBlockwiseTask>(tasks.Count);
        var pass = new SortedSet<int>(Enumerable.Range(0, tasks.Count).Where(i => indegree[i] == 0));
        var nextPass = new SortedSet<int>();
        while (pass.Count > 0)
        {
            int placed = pass.Min;
            pass.Remove(placed);
            order.Add(tasks[placed]);
            foreach (int next in downstream[placed] ?? [])
            {
                if (--indegree[next] == 0)
                {
                    // A task after this one in insertion order is still ahead of this pass; one before it waits for the next.
                    (next > placed ? pass : nextPass).Add(next);
                }
            }

            if (pass.Count == 0)
            {
                (pass, nextPass) = (nextPass, pass);
            }
        }

        if (order.Count < tasks.Count)
        {
            var placedNames = new HashSet<string>(order.Select(t => t.Name), StringComparer.Ordinal);
            var inCycle = tasks.Where(t => !placedNames.Contains(t.Name)).Select(t => $"'{t.Name}'");
            throw new PipelineException($"the pipeline has a cycle through the tasks {string.Join(", ", inCycle)}");
        }

        return order;
    }

    public override string ToString() =>
        $"Pipeline({tasks.Count} tasks: {string.Join(", ", tasks.Select(t => t.Name))}; {edges.Count} edges)";

    /// <summary>
    /// The parts joined in order. Parts that share no task are gathered at once: then the sinks of <c>p1 + … + pi</c>
    /// are those of <c>pi</c>, so each new part's sources follow only the previous part's sinks. Parts that share tasks
    /// are joined pairwise, with the checks of <c>+</c> and <c>|</c>.
    /// </summary>
    private static Pipeline Compose(IEnumerable<Pipeline> parts, bool sequence)
    {
        var list = parts.ToList();
        if (list.Count == 0)
        {
            throw new PipelineException("a pipeline needs at least one task");
        }

        var byName = new Dictionary<string, IBlockwiseTask>(StringComparer.Ordinal);
        var tasks = new List<IBlockwiseTask>();
        foreach (var part in list)
        {
            foreach (var task in part.tasks)
            {
                if (!byName.TryAdd(task.Name, task))
                {
                    return list.Skip(1).Aggregate(list[0], (joined, next) => sequence ? joined + next : joined | next);
                }

                tasks.Add(task);
            }
        }

        var edges = new HashSet<(string, string)>();
        for (int i = 0; i < list.Count; i++)
        {
            edges.UnionWith(list[i].edges);
            if (sequence && i > 0)
            {
                var sources = list[i].Sources;
                foreach (var sink in list[i - 1].Sinks)
                {
                    foreach (var source in sources)
                    {
                        edges.Add((sink.Name, source.Name));
                    }
                }
            }
        }

        return new Pipeline(tasks, byName, edges);
    }

    private static Pipeline Union(Pipeline a, Pipeline b, List<(string From, string To)> added)
    {
        var tasks = new List<IBlockwiseTask>(a.tasks.Count + b.tasks.Count);
        tasks.AddRange(a.tasks);
        var byName = new Dictionary<string, IBlockwiseTask>(a.byName, StringComparer.Ordinal);
        foreach (var task in b.tasks)
        {
            if (!byName.TryGetValue(task.Name, out var existing))
            {
                tasks.Add(task);
                byName[task.Name] = task;
            }
            else if (!ReferenceEquals(existing, task) && !existing.Equals(task))
            {
                throw new PipelineException($"two different tasks are named '{task.Name}'; task names must be unique in a pipeline");
            }
        }

        var edges = new HashSet<(string, string)>(a.edges);
        edges.UnionWith(b.edges);
        edges.UnionWith(added);
        return new Pipeline(tasks, byName, edges);
    }
}
