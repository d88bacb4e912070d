using System.Collections;
using System.Reflection;
using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl;
using Volara.Runtime.Dsl.Rules;
using Volara.Runtime.Dsl.Support;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Cli.Pipelines;

/// <summary>
/// Checks one task's configuration before anything runs, with the rule functions the analyzers and the generated
/// code use (<see cref="DslRules"/>, <see cref="ElementKindRules"/>, <see cref="NeighborhoodRules"/>). Inputs that
/// exist already are opened to learn their dimensions and element types; the others are checked when they do.
/// </summary>
public static class TaskRules
{
    /// <summary>Adds every problem of the task; <paramref name="report"/> takes the field name and the message.</summary>
    /// <remarks>Checks whose rule function words the whole message (naming the task) report it with <paramref name="taskId"/>.</remarks>
    public static void Check(string taskId, IBlockwiseTask task, IReadOnlyList<TaskPort> ports, Action<string, string> report)
    {
        int dims = -1;
        foreach (var port in ports)
        {
            if (port.IsOutput || !Exists(port.Dataset))
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
                DslTaskSupport.RequireElementKind(taskId, port.Field, port.Dataset.Store, array.DataType, port.Requires);
            }
            catch (TaskFieldException error)
            {
                report(port.Field, error.Problem);
            }
        }

        foreach (var property in task.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // Properties left out of the configuration (derived ones such as apply_shifts' block size) are no fields.
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            string field = TaskPorts.FieldName(property);
            if (property.PropertyType == typeof(Coordinate) || property.PropertyType == typeof(Coordinate?))
            {
                CheckCoordinate(task, property, field, dims, report);
            }

            if (property.GetCustomAttribute<PerOffsetAttribute>() is { } perOffset)
            {
                CheckPerOffset(taskId, task, property, field, perOffset.Neighborhood, report);
            }

            if (property.GetCustomAttribute<OffsetsOfAttribute>() is { } offsetsOf)
            {
                CheckOffsetsOf(taskId, task, property, field, offsetsOf.Affinities, report);
            }

            if (property.GetCustomAttribute<EdgeAttributesOfAttribute>() is { } edgeAttributesOf)
            {
                CheckEdgeAttributes(taskId, task, property, field, edgeAttributesOf.Database, report);
            }
        }
    }

    private static void CheckCoordinate(IBlockwiseTask task, PropertyInfo property, string field, int dims, Action<string, string> report)
    {
        if (property.GetValue(task) is not Coordinate value)
        {
            return;
        }

        string? problem =
            property.GetCustomAttribute<BlockSizeAttribute>() is not null || field == "block_size" ? DslRules.BlockSizeProblem(value.ToArray(), dims)
            : property.GetCustomAttribute<ContextAttribute>() is not null || field == "context" ? DslRules.ContextProblem(value.ToArray(), dims)
            : null;
        if (problem is not null)
        {
            report(field, $"{field} {value} {problem}");
        }
    }

    private static void CheckPerOffset(string taskId, IBlockwiseTask task, PropertyInfo property, string field, string neighborhoodName, Action<string, string> report)
    {
        var neighborhoodProperty = task.GetType().GetProperty(neighborhoodName);
        string neighborhoodField = neighborhoodProperty is null ? neighborhoodName : TaskPorts.FieldName(neighborhoodProperty);
        int? values = property.GetValue(task) is ICollection given ? given.Count : null;
        var neighborhood = neighborhoodProperty?.GetValue(task);
        try
        {
            if (AffsOf(neighborhood) is { } affs)
            {
                DslParameterChecks.RequireOnePerOffset(taskId, field, values, neighborhoodField, affs);
            }
            else if (neighborhood is ICollection list)
            {
                DslParameterChecks.RequireOnePerOffset(taskId, field, values, neighborhoodField, list.Count);
            }
        }
        catch (TaskFieldException error)
        {
            report(field, error.Problem);
        }
        catch (DatasetException)
        {
            // No neighbourhood to count yet (neither configured nor stored): the dataset's own check reports that.
        }
    }

    private static void CheckOffsetsOf(string taskId, IBlockwiseTask task, PropertyInfo property, string field, string affinitiesName, Action<string, string> report)
    {
        var affinitiesProperty = task.GetType().GetProperty(affinitiesName);
        var affinities = AffsOf(affinitiesProperty?.GetValue(task));
        try
        {
            DslParameterChecks.RequireOffsetsIn(taskId, field, property.GetValue(task), affinitiesProperty is null ? affinitiesName : TaskPorts.FieldName(affinitiesProperty), affinities);
        }
        catch (TaskFieldException error)
        {
            report(field, error.Problem);
        }
        catch (DatasetException)
        {
            // No neighbourhood to compare with yet (neither configured nor stored): the dataset's own check reports that.
        }
    }

    private static void CheckEdgeAttributes(string taskId, IBlockwiseTask task, PropertyInfo property, string field, string databaseName, Action<string, string> report)
    {
        var databaseProperty = task.GetType().GetProperty(databaseName);
        var database = databaseProperty?.GetValue(task);
        var declared = database?.GetType().GetProperty("EdgeAttrs")?.GetValue(database) as IReadOnlyDictionary<string, string>;
        IEnumerable<string>? keys = property.GetValue(task) switch
        {
            IDictionary dictionary => dictionary.Keys.OfType<string>().ToList(),
            IEnumerable<string> names => names,
            _ => null,
        };
        try
        {
            DslParameterChecks.RequireEdgeAttributes(taskId, field, keys, databaseProperty is null ? databaseName : TaskPorts.FieldName(databaseProperty), declared);
        }
        catch (TaskFieldException error)
        {
            report(field, error.Problem);
        }
    }

    /// <summary>An affinities dataset, typed or not; null for anything else.</summary>
    private static Affs? AffsOf(object? value) => value switch
    {
        Affs affs => affs,
        ITypedDataset { Untyped: Affs affs } => affs,
        _ => null,
    };

    /// <summary>The dataset can be read now: its array exists, or it is a stack of other datasets.</summary>
    internal static bool Exists(Dataset dataset) =>
        Directory.Exists(dataset.Store) || (dataset is Raw { Stack: not null });
}
