using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Volara.Runtime.Graphs;

/// <summary>
/// Reads and writes <see cref="GraphDatabaseConfig"/>s in volara's JSON: <c>db_type</c> first, snake_case fields,
/// attribute names kept verbatim (whatever the caller's dictionary-key policy), and a float-vector attribute given as
/// a number (<c>{"color": 3}</c>) written back as a number. Works for properties declared with the abstract type (the
/// <c>db_type</c> picks the class) and with a concrete type (a different <c>db_type</c> is refused).
/// </summary>
public sealed class GraphDatabaseConfigJsonConverterFactory : JsonConverterFactory
{
    private const string Discriminator = "db_type";

    public override bool CanConvert(Type typeToConvert) => typeof(GraphDatabaseConfig).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(SqliteGraphConfig) ? new Converter<SqliteGraphConfig>()
        : typeToConvert == typeof(PostgresGraphConfig) ? new Converter<PostgresGraphConfig>()
        : typeToConvert == typeof(GraphDatabaseConfig) ? new Converter<GraphDatabaseConfig>()
        : throw new NotSupportedException($"{typeToConvert.Name} is not a graph database configuration (sqlite, postgresql)");

    private sealed class Converter<T> : JsonConverter<T>
        where T : GraphDatabaseConfig
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            using var document = JsonDocument.ParseValue(ref reader);
            var config = ReadConfig(document.RootElement, typeof(T));
            return config as T
                ?? throw new JsonException($"expected a graph database of type '{DbTypeOf(typeof(T))}', found '{config.DbType}'");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString(Discriminator, value.DbType);
            switch (value)
            {
                case SqliteGraphConfig sqlite:
                    writer.WriteString("path", sqlite.Path);
                    break;
                case PostgresGraphConfig postgres:
                    writer.WriteString("host", postgres.Host);
                    writer.WriteString("name", postgres.Name);
                    WriteOptional(writer, "user", postgres.User);
                    WriteOptional(writer, "password", postgres.Password);
                    if (postgres.Port is { } port)
                    {
                        writer.WriteNumber("port", port);
                    }
                    else
                    {
                        writer.WriteNull("port");
                    }

                    // Not one of volara's fields: written only when set, so volara's JSON stays as it is.
                    if (postgres.MaxPoolSize is { } poolSize)
                    {
                        writer.WriteNumber("max_pool_size", poolSize);
                    }

                    break;
                default:
                    throw new JsonException($"cannot write graph database config {value.GetType().Name}");
            }

            WriteAttrs(writer, "node_attrs", value.NodeAttrs);
            WriteAttrs(writer, "edge_attrs", value.EdgeAttrs);
            writer.WriteNumber("ndim", value.Ndim);
            writer.WriteEndObject();
        }
    }

    private static GraphDatabaseConfig ReadConfig(JsonElement json, Type declared)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"a graph database config must be a JSON object, not {json.ValueKind}");
        }

        var dbType = json.TryGetProperty(Discriminator, out var kind) ? kind.GetString() : DbTypeOf(declared);
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            fields[property.Name] = property.Value;
        }

        fields.Remove(Discriminator);
        var nodeAttrs = ReadAttrs(fields, "node_attrs");
        var edgeAttrs = ReadAttrs(fields, "edge_attrs");
        var ndim = Take(fields, "ndim") is { ValueKind: JsonValueKind.Number } n ? n.GetInt32() : 3;
        GraphDatabaseConfig config = dbType switch
        {
            "sqlite" => new SqliteGraphConfig
            {
                Path = Take(fields, "path")?.GetString() ?? throw new JsonException("graph database (db_type sqlite): missing field 'path'"),
                NodeAttrs = nodeAttrs,
                EdgeAttrs = edgeAttrs,
                Ndim = ndim,
            },
            "postgresql" => new PostgresGraphConfig
            {
                Host = Take(fields, "host")?.GetString() ?? "localhost",
                Name = Take(fields, "name")?.GetString() ?? "volara",
                User = Take(fields, "user")?.GetString(),
                Password = Take(fields, "password")?.GetString(),
                Port = Take(fields, "port") is { ValueKind: JsonValueKind.Number } port ? port.GetInt32() : null,
                MaxPoolSize = Take(fields, "max_pool_size") is { ValueKind: JsonValueKind.Number } poolSize ? poolSize.GetInt32() : null,
                NodeAttrs = nodeAttrs,
                EdgeAttrs = edgeAttrs,
                Ndim = ndim,
            },
            null => throw new JsonException($"graph database config without '{Discriminator}' (sqlite or postgresql)"),
            _ => throw new JsonException($"unknown graph database {Discriminator} '{dbType}' (expected sqlite or postgresql)"),
        };
        if (fields.Count > 0)
        {
            throw new JsonException($"graph database (db_type {dbType}): unknown field(s) {string.Join(", ", fields.Keys.Select(k => $"'{k}'"))}");
        }

        return config;
    }

    private static JsonElement? Take(Dictionary<string, JsonElement> fields, string name)
    {
        if (!fields.Remove(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value;
    }

    private static Dictionary<string, string>? ReadAttrs(Dictionary<string, JsonElement> fields, string name)
    {
        if (Take(fields, name) is not { } json)
        {
            return null;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"graph database field '{name}' must be an object of attribute name → type");
        }

        var attrs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attr in json.EnumerateObject())
        {
            attrs[attr.Name] = attr.Value.ValueKind switch
            {
                JsonValueKind.String => attr.Value.GetString()!,
                JsonValueKind.Number => attr.Value.GetInt32().ToString(CultureInfo.InvariantCulture),
                _ => throw new JsonException($"graph database field '{name}': attribute '{attr.Name}' must have a type name or a vector length"),
            };
        }

        return attrs;
    }

    private static void WriteAttrs(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string>? attrs)
    {
        if (attrs is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (attr, spec) in attrs)
        {
            if (int.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                writer.WriteNumber(attr, length);
            }
            else
            {
                writer.WriteString(attr, spec);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static string? DbTypeOf(Type type) =>
        type == typeof(SqliteGraphConfig) ? "sqlite" : type == typeof(PostgresGraphConfig) ? "postgresql" : null;
}
