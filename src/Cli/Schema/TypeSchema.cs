using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl;
using Volara.Runtime.Dsl.Description;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Cli.Schema;

/// <summary>The JSON Schema of a configuration value, from the property's .NET type (as <see cref="TaskJson"/> reads it).</summary>
public static class TypeSchema
{
    public static JsonObject Of(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool))
        {
            return Typed("boolean");
        }

        if (type == typeof(string))
        {
            return Typed("string");
        }

        if (type == typeof(float) || type == typeof(double) || type == typeof(decimal) || type == typeof(Half) || type == typeof(TimeSpan))
        {
            return Typed("number");
        }

        if (type.IsPrimitive)
        {
            return Typed("integer");
        }

        if (type.IsEnum)
        {
            return new JsonObject { ["enum"] = new JsonArray([.. Enum.GetNames(type).Select(n => (JsonNode)JsonNamingPolicy.SnakeCaseLower.ConvertName(n))]) };
        }

        if (type == typeof(Coordinate))
        {
            return Ref("coordinate");
        }

        if (type == typeof(Roi))
        {
            return Ref("roi");
        }

        if (type == typeof(ExecutionOptions))
        {
            return Ref("execution");
        }

        if (type == typeof(Runtime.Tasks.EdgeWeight))
        {
            // Written as [w, b] (EdgeWeight's converter), as volara's graph-mws weights are.
            return new JsonObject { ["type"] = "array", ["items"] = Typed("number"), ["minItems"] = 2, ["maxItems"] = 2 };
        }

        if (typeof(Dataset).IsAssignableFrom(type) || typeof(ITypedDataset).IsAssignableFrom(type))
        {
            return new JsonObject { ["anyOf"] = new JsonArray(Ref("dataset"), Ref("reference")) };
        }

        if (DictionaryValue(type) is { } value)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Of(value) };
        }

        if (ListElement(type) is { } element)
        {
            return new JsonObject { ["type"] = "array", ["items"] = Of(element) };
        }

        // Other objects (database configurations, ...) may also be named from the file's datasets/databases.
        return new JsonObject { ["anyOf"] = new JsonArray(Typed("object"), Ref("reference")) };
    }

    /// <summary>The schema of a task field: its type's, with the field's documentation and literal default.</summary>
    public static JsonObject Of(FieldDescriptor field)
    {
        var schema = Of(field.Type);
        if (field.ItemsNullable)
        {
            AllowNullItems(schema);
        }

        if (field.Description is { } description)
        {
            schema["description"] = description;
        }

        if (field.Default is { } defaultValue)
        {
            schema["default"] = JsonNode.Parse(defaultValue);
        }

        return schema;
    }

    /// <summary>The properties of a configuration value class (a dataset, the execution options), in declaration order.</summary>
    public static JsonObject Properties(IEnumerable<(string Field, PropertyInfo Property)> fields)
    {
        var properties = new JsonObject();
        var nullability = new NullabilityInfoContext();
        foreach (var (field, property) in fields)
        {
            var schema = Of(property.PropertyType);
            var info = nullability.Create(property);
            var element = info.ElementType ?? (info.GenericTypeArguments.Length == 1 ? info.GenericTypeArguments[0] : null);
            if (element?.ReadState == NullabilityState.Nullable)
            {
                AllowNullItems(schema);
            }

            properties[field] = schema;
        }

        return properties;
    }

    // A list of nullable references (Predict's out_data: null discards a model output) accepts null items.
    private static void AllowNullItems(JsonObject schema)
    {
        if (schema["items"] is JsonObject items)
        {
            schema["items"] = new JsonObject { ["anyOf"] = new JsonArray(items.DeepClone(), Typed("null")) };
        }
    }

    public static JsonObject Ref(string definition) => new() { ["$ref"] = $"#/$defs/{definition}" };

    private static JsonObject Typed(string type) => new() { ["type"] = type };

    private static Type? DictionaryValue(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d && (d == typeof(IReadOnlyDictionary<,>) || d == typeof(IDictionary<,>)) && i.GetGenericArguments()[0] == typeof(string))
            ?.GetGenericArguments()[1];

    private static Type? ListElement(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
}
