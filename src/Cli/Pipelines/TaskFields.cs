using System.Reflection;
using System.Text.Json.Serialization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Cli.Pipelines;

/// <summary>
/// What a configuration value of a given type looks like, in words; and the fields of the value classes a task field
/// holds (datasets, execution options), which are not tasks and have no descriptor.
/// </summary>
public static class TaskFields
{
    /// <summary>Public settable properties of a configuration value class (JSON name → property).</summary>
    public static IReadOnlyList<(string Field, PropertyInfo Property)> Of(Type valueClass) =>
        [.. valueClass.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), p))];

    /// <summary>What a field of this type holds, for messages: "a number", "a list of integers", ...</summary>
    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "a number";
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong) || type == typeof(byte))
        {
            return "an integer";
        }

        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(Coordinate))
        {
            return "a list of integers";
        }

        if (type == typeof(Roi))
        {
            return "a region {offset: [...], shape: [...]}";
        }

        if (type == typeof(ExecutionOptions))
        {
            return "execution options {num_workers, max_retries, block_timeout}";
        }

        if (typeof(Dataset).IsAssignableFrom(type) || typeof(Runtime.Dsl.ITypedDataset).IsAssignableFrom(type))
        {
            return "a dataset {dataset_type, store, ...}";
        }

        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(n)));
        }

        if (type != typeof(string) && type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } list)
        {
            return $"a list of {Plural(Describe(list.GetGenericArguments()[0]))}";
        }

        return $"a {type.Name} object";
    }

    private static string Plural(string description) => description switch
    {
        "a number" => "numbers",
        "an integer" => "integers",
        "a string" => "strings",
        "true or false" => "booleans",
        "a list of integers" => "lists of integers",
        _ when description.StartsWith("a list of ", StringComparison.Ordinal) => "lists of " + description["a list of ".Length..],
        _ => description,
    };
}
