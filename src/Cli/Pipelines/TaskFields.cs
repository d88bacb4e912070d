using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Cli.Pipelines;

/// <summary>The configuration fields of a task class, as a file names them, and what each expects, in words.</summary>
public static class TaskFields
{
    /// <summary>Public settable properties that are part of the configuration (JSON name → property).</summary>
    public static IReadOnlyList<(string Field, PropertyInfo Property)> Of(Type taskClass) =>
        [.. taskClass.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .Select(p => (TaskPorts.FieldName(p), p))];

    /// <summary>Fields declared <c>required</c> that the configuration leaves out.</summary>
    public static IReadOnlyList<string> MissingRequired(Type taskClass, JsonObject config) =>
        [.. Of(taskClass).Where(f => f.Property.GetCustomAttribute<RequiredMemberAttribute>() is not null && !config.ContainsKey(f.Field)).Select(f => f.Field)];

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
