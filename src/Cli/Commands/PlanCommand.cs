using System.CommandLine;
using System.Text.Json.Nodes;
using Volara.Cli.Graph;
using Volara.Cli.Output;
using Volara.Cli.Pipelines;
using Volara.Runtime.Datasets;

namespace Volara.Cli.Commands;

/// <summary>
/// <c>volara plan PIPELINE [--dot FILE] [--svg FILE]</c>: blocks, read/write sizes and memory per worker of every
/// task, and the task DAG as text, Graphviz DOT and SVG; nothing runs.
/// </summary>
public static class PlanCommand
{
    public static Command Create(CliConsole console)
    {
        var arguments = new PipelineArguments();
        var dot = new Option<string?>("--dot") { Description = "Write the task DAG as Graphviz DOT to this file." };
        var svg = new Option<string?>("--svg") { Description = "Write the task DAG as an SVG drawing to this file." };
        var command = new Command("plan", CommandHelp.Describe(
            "Show what a pipeline will do: blocks, sizes, memory and the task DAG (nothing runs).",
            "volara plan examples/segmentation.yaml",
            "volara plan pipeline.yaml --svg plan.svg --json")) { dot, svg };
        arguments.AddTo(command);
        command.SetAction(parsed =>
        {
            var definition = arguments.Load(parsed);
            // Nothing is written while planning, so each array's metadata is read once for all the tasks' sizes.
            using var snapshot = MetadataSnapshot.Begin();
            var order = definition.Pipeline.TopologicalOrder();
            var entries = definition.Tasks.ToDictionary(t => t.Task);
            var plans = order.Select(task => TaskPlan.Of(
                entries[task],
                [.. definition.Pipeline.UpstreamOf(task.Name).Select(t => t.Name)])).ToList();
            var graph = new TaskGraph([.. plans.Select(p => (p.Name, Label(p)))], definition.Pipeline.Edges);
            if (parsed.GetValue(dot) is { } dotFile)
            {
                File.WriteAllText(arguments.FromCommandLine(dotFile), DagDot.Format(graph));
            }

            if (parsed.GetValue(svg) is { } svgFile)
            {
                File.WriteAllText(arguments.FromCommandLine(svgFile), DagSvg.Format(graph));
            }

            if (parsed.GetValue(arguments.Json))
            {
                JsonText.Write(console.Out, ToJson(plans, graph));
            }
            else
            {
                console.Out.Write(Format(plans));
                console.Out.Write('\n');
                console.Out.Write(DagText.Format(graph));
                console.Out.Flush();
            }

            return VolaraApp.Success;
        });
        return command;
    }

    public static string Format(IReadOnlyList<TaskPlan> plans)
    {
        var rows = new List<string[]> { new[] { "task", "type", "blocks", "block (voxels)", "read", "write", "memory/worker", "workers" } };
        foreach (var plan in plans)
        {
            rows.Add([
                plan.Name,
                plan.TaskType,
                plan.Blocks is { } blocks ? (plan.Levels is > 1 ? $"{blocks} in {plan.Levels} levels" : blocks.ToString()) : "?",
                plan.BlockWriteVoxels is { } write ? Shape(write) + (plan.BlockReadVoxels is { } read && !read.SequenceEqual(write) ? $" read {Shape(read)}" : "")
                    : plan.BlockWorld is { } world ? $"{Shape(world)} (world units)" : "?",
                plan.ReadBytes is { } r ? ByteSize.Format(r) : "?",
                plan.WriteBytes is { } w ? ByteSize.Format(w) : "?",
                plan.MemoryPerWorker is { } m ? "≈" + ByteSize.Format(m) : "?",
                plan.Workers.ToString(),
            ]);
        }

        var text = new System.Text.StringBuilder(TextTable.Format(rows));
        foreach (var plan in plans.Where(p => p.Note is not null))
        {
            text.Append($"{plan.Name}: {plan.Note}\n");
        }

        return text.ToString();
    }

    private static string Label(TaskPlan plan) =>
        plan.Blocks is { } blocks ? $"{plan.Name}\n{plan.TaskType}, {blocks} blocks" : $"{plan.Name}\n{plan.TaskType}";

    private static string Shape(long[] voxels) => string.Join('×', voxels);

    public static JsonObject ToJson(IReadOnlyList<TaskPlan> plans, TaskGraph graph) => new()
    {
        ["tasks"] = new JsonArray([.. plans.Select(plan => (JsonNode)new JsonObject
        {
            ["name"] = plan.Name,
            ["task_type"] = plan.TaskType,
            ["workers"] = plan.Workers,
            ["blocks"] = plan.Blocks,
            ["levels"] = plan.Levels,
            ["block_write_voxels"] = plan.BlockWriteVoxels is { } w ? new JsonArray([.. w.Select(v => (JsonNode)v)]) : null,
            ["block_read_voxels"] = plan.BlockReadVoxels is { } r ? new JsonArray([.. r.Select(v => (JsonNode)v)]) : null,
            ["block_world"] = plan.BlockWorld is { } world ? new JsonArray([.. world.Select(v => (JsonNode)v)]) : null,
            ["read_bytes"] = plan.ReadBytes,
            ["write_bytes"] = plan.WriteBytes,
            ["memory_per_worker_bytes"] = plan.MemoryPerWorker,
            ["upstream"] = new JsonArray([.. plan.Upstream.Select(u => (JsonNode)u)]),
            ["note"] = plan.Note,
        })]),
        ["edges"] = new JsonArray([.. graph.Nodes.SelectMany(n => graph.UpstreamOf(n.Name).Select(u => (JsonNode)new JsonArray(u, n.Name)))]),
        ["dot"] = DagDot.Format(graph),
    };
}
