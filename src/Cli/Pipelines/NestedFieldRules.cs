using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;

namespace Volara.Cli.Pipelines;

/// <summary>
/// Unknown fields inside dataset descriptions and execution options, which the reader would otherwise skip: a
/// misspelt <c>neighbourhood</c> or <c>num_worker</c> silently falls back to a default.
/// </summary>
public static class NestedFieldRules
{
    private static readonly Dictionary<string, IReadOnlyList<string>> DatasetFields = typeof(Dataset)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToDictionary(kind => (string)kind.TypeDiscriminator!, kind => (IReadOnlyList<string>)["dataset_type", .. TaskFields.Of(kind.DerivedType).Select(f => f.Field)]);

    private static readonly IReadOnlyList<string> ExecutionFields = [.. TaskFields.Of(typeof(ExecutionOptions)).Select(f => f.Field)];

    /// <summary>Reports unknown keys of a dataset description (with a known <c>dataset_type</c>); <paramref name="report"/> takes the key and the message.</summary>
    public static void CheckDataset(JsonObject dataset, Action<string, string> report)
    {
        if (dataset["dataset_type"] is JsonValue kind && kind.TryGetValue<string>(out var name) && DatasetFields.TryGetValue(name, out var fields))
        {
            CheckKeys(dataset, fields, $"{name} datasets", report);
        }
    }

    /// <summary>Reports unknown keys of execution options.</summary>
    public static void CheckExecution(JsonObject execution, Action<string, string> report) =>
        CheckKeys(execution, ExecutionFields, "execution", report);

    private static void CheckKeys(JsonObject value, IReadOnlyList<string> fields, string what, Action<string, string> report)
    {
        foreach (var (key, _) in value)
        {
            if (!fields.Contains(key))
            {
                string hint = DidYouMean.Closest(key, fields) is { } closest ? $" (did you mean '{closest}'?)" : string.Empty;
                report(key, $"unknown field '{key}'{hint}; the fields of {what} are {string.Join(", ", fields)}");
            }
        }
    }
}
