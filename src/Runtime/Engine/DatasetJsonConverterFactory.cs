using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine.Serialization;
using Volara.Runtime.Serialization;

namespace Volara.Runtime.Engine;

/// <summary>
/// Writes a task's dataset fields (declared as <see cref="Raw"/>, <see cref="Labels"/>, …) the way volara's
/// configurations hold them, with their <c>dataset_type</c>; reads them with or without it (a wrong kind is refused).
/// </summary>
public sealed class DatasetJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert != typeof(Dataset) && typeof(Dataset).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(Raw) ? new Converter<Raw>()
        : typeToConvert == typeof(Labels) ? new Converter<Labels>()
        : typeToConvert == typeof(Affs) ? new Converter<Affs>()
        : typeToConvert == typeof(Lsd) ? new Converter<Lsd>()
        : throw new NotSupportedException($"{typeToConvert.Name} is not a dataset kind of a configuration (raw, labels, affs, lsd)");

    private sealed class Converter<T> : JsonConverter<T>
        where T : Dataset
    {
        private const string Discriminator = "dataset_type";

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType is not JsonTokenType.StartObject)
            {
                return reader.TokenType is JsonTokenType.Null
                    ? null
                    : throw new JsonException($"expected a dataset (an object with its 'store'), not {JsonTokens.Describe(ref reader)}");
            }

            CheckDiscriminator(reader);

            // The concrete type's contract skips the discriminator like any field it does not know.
            return JsonSerializer.Deserialize(ref reader, ContractOf(options));
        }

        /// <summary>A <c>dataset_type</c> among the object's fields must name this kind; the reader is a copy, the object is read once more.</summary>
        private static void CheckDiscriminator(Utf8JsonReader reader)
        {
            int depth = reader.CurrentDepth;
            while (reader.Read() && reader.CurrentDepth > depth)
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                bool isDiscriminator = reader.ValueTextEquals(Discriminator);
                reader.Read();
                if (isDiscriminator)
                {
                    string expected = DiscriminatorOf(typeof(T));
                    if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(expected))
                    {
                        throw new JsonException($"expected a dataset of type '{expected}', found {JsonTokens.Describe(ref reader)}");
                    }
                }

                reader.TrySkip();
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            var node = JsonSerializer.SerializeToNode(value, ContractOf(options))!.AsObject();
            node.Remove("attrs");
            var result = new JsonObject { [Discriminator] = DiscriminatorOf(typeof(T)) };
            foreach (var (key, item) in node.ToList())
            {
                node.Remove(key);
                result[key] = item;
            }

            result.WriteTo(writer, options);
        }

        // The concrete type's own contract, from the same options without this factory.
        private readonly ContractCache<T> contracts = new(static options => (JsonTypeInfo<T>)WithoutThis(options).GetTypeInfo(typeof(T)));

        private JsonTypeInfo<T> ContractOf(JsonSerializerOptions options) => contracts.For(options);

        private static string? discriminator;

        private static string DiscriminatorOf(Type type) => discriminator ??= FindDiscriminator(type);

        private static string FindDiscriminator(Type type)
        {
            foreach (var attribute in typeof(Dataset).GetCustomAttributes(typeof(JsonDerivedTypeAttribute), inherit: false))
            {
                var derived = (JsonDerivedTypeAttribute)attribute;
                if (derived.DerivedType == type)
                {
                    return (string)derived.TypeDiscriminator!;
                }
            }

            throw new JsonException($"{type.Name} is not a registered dataset type");
        }
    }

    private static readonly Lock OptionsLock = new();
    private static JsonSerializerOptions? lastOptions;
    private static JsonSerializerOptions? lastWithout;

    // The same options without this factory, so the concrete dataset type is (de)serialised normally.
    private static JsonSerializerOptions WithoutThis(JsonSerializerOptions options)
    {
        lock (OptionsLock)
        {
            if (ReferenceEquals(options, lastOptions) && lastWithout is not null)
            {
                return lastWithout;
            }

            var copy = new JsonSerializerOptions(options);
            for (int i = copy.Converters.Count - 1; i >= 0; i--)
            {
                if (copy.Converters[i] is DatasetJsonConverterFactory)
                {
                    copy.Converters.RemoveAt(i);
                }
            }

            copy.TypeInfoResolver ??= TaskJson.Options.TypeInfoResolver;
            copy.MakeReadOnly();
            lastOptions = options;
            lastWithout = copy;
            return copy;
        }
    }
}
