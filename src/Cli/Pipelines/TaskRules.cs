using Volara.Runtime.Storage.Zarr;
using System.Collections;
using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl;
using Volara.Runtime.Dsl.Description;
using Volara.Runtime.Dsl.Rules;
using Volara.Runtime.Dsl.Support;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Storage;

namespace Volara.Cli.Pipelines;

/// <summary>
/// Checks one task's configuration before anything runs, by what its descriptor says about its fields, with the rule
/// functions the analyzers and the generated code use (<see cref="DslRules"/>, <see cref="ElementKindRules"/>, <see cref="NeighborhoodRules"/>). Inputs that
/// exist already are opened to learn their dimensions and element types; the others are checked when they do.
/// </summary>
public static class TaskRules
{
    /// <summary>Adds every problem of the task; <paramref name="report"/> takes the field (a path such as <c>execution/num_workers</c> inside one) and the message.</summary>
    /// <remarks>Checks whose rule function words the whole message (naming the task) report it with <paramref name="taskId"/>.</remarks>
    public static void Check(string taskId, IBlockwiseTask task, TaskDescriptor descriptor, IReadOnlyList<TaskPort> ports, Action<string, string> report)
    {
        foreach (var (field, problem) in task.Execution.Problems())
        {
            report($"execution/{field}", $"execution: {problem}");
        }

        int dims = -1;
        foreach (var port in ports)
        {
            if (port.IsOutput || !port.Exists)
            {
                continue;
            }

            VolumeArray array;
            try
            {
                array = port.Dataset.Array();
            }
            catch (Exception error) when (error is DatasetException or IOException or ArgumentException or Runtime.Storage.Zarr.ZarrException)
            {
                report(port.Field, $"cannot open '{port.Dataset.Store}': {error.Message}");
                continue;
            }

            dims = dims < 0 ? array.PhysicalDims : dims;
            try
            {
                DslTaskSupport.RequireStored(taskId, port.Field, port.Dataset, array, port.Requires);
            }
            catch (TaskFieldException error)
            {
                report(port.Field, error.Problem);
            }
        }

        if (descriptor.BlockSizeField is { } blockSizeField && descriptor.Field(blockSizeField)?.Get(task) is Coordinate blockSize
            && DslRules.BlockSizeProblem(blockSize.ToArray(), dims) is { } blockSizeProblem)
        {
            report(blockSizeField, $"{blockSizeField} {blockSize} {blockSizeProblem}");
        }

        if (descriptor.ContextField is { } contextField && descriptor.Field(contextField)?.Get(task) is Coordinate context
            && DslRules.ContextProblem(context.ToArray(), dims) is { } contextProblem)
        {
            report(contextField, $"{contextField} {context} {contextProblem}");
        }

        foreach (var link in descriptor.Links)
        {
            var value = descriptor.Field(link.Field)?.Get(task);
            var target = descriptor.Field(link.Target)?.Get(task);
            try
            {
                switch (link.Kind)
                {
                    case FieldLinkKind.PerOffset when AffsOf(target) is { } affs:
                        DslParameterChecks.RequireOnePerOffset(taskId, link.Field, CountOf(value), link.Target, affs);
                        break;
                    case FieldLinkKind.PerOffset when target is ICollection list:
                        DslParameterChecks.RequireOnePerOffset(taskId, link.Field, CountOf(value), link.Target, list.Count);
                        break;
                    case FieldLinkKind.OffsetsOf:
                        DslParameterChecks.RequireOffsetsIn(taskId, link.Field, value, link.Target, AffsOf(target));
                        break;
                    case FieldLinkKind.EdgeAttributesOf:
                        DslParameterChecks.RequireEdgeAttributes(taskId, link.Field, NamesIn(value), link.Target, (target as GraphDatabaseConfig)?.EdgeAttrs);
                        break;
                }
            }
            catch (TaskFieldException error)
            {
                report(link.Field, error.Problem);
            }
            catch (DatasetException)
            {
                // No neighbourhood to compare with yet (neither configured nor stored): the dataset's own check reports that.
            }
        }
    }

    private static int? CountOf(object? value) => value is ICollection given ? given.Count : null;

    /// <summary>The names a parameter holds: a list of strings, or a dictionary's keys.</summary>
    private static IEnumerable<string>? NamesIn(object? value) => value switch
    {
        IDictionary dictionary => dictionary.Keys.OfType<string>().ToList(),
        IEnumerable<string> names => names,
        _ => null,
    };

    /// <summary>An affinities dataset, typed or not; null for anything else.</summary>
    private static Affs? AffsOf(object? value) => value switch
    {
        Affs affs => affs,
        ITypedDataset { Untyped: Affs affs } => affs,
        _ => null,
    };

    /// <summary>
    /// The dataset can be read now: its array exists (with its metadata: a directory left by an interrupted creation
    /// is no array), or it is a stack of other datasets.
    /// </summary>
    internal static bool Exists(Dataset dataset) =>
        ZarrArray.Exists(dataset.Store) || (dataset is Raw { Stack: not null });
}
