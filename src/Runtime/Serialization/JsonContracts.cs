using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Volara.Runtime.Serialization;

/// <summary>
/// The generated contracts of the <see cref="JsonContractAttribute"/> classes loaded into the process (added by their
/// module initializers), as a resolver that configuration options consult before anything else.
/// </summary>
public static class JsonContracts
{
    private static readonly ConcurrentDictionary<Type, Func<JsonSerializerOptions, JsonTypeInfo>> Contracts = new();

    /// <summary>Resolves the types whose contracts were added; null for the others.</summary>
    public static IJsonTypeInfoResolver Resolver { get; } = new GeneratedResolver();

    /// <summary>Adds the contract of a class (generated code calls this from a module initializer).</summary>
    public static void Add(Type type, Func<JsonSerializerOptions, JsonTypeInfo> contract) => Contracts[type] = contract;

    /// <summary>The converter a property's <c>[JsonConverter]</c> names, for the property's type (a factory is asked for it).</summary>
    public static JsonConverter<T> Converter<T>(JsonConverter converter, JsonSerializerOptions options) => converter switch
    {
        JsonConverter<T> typed => typed,
        JsonConverterFactory factory when factory.CreateConverter(typeof(T), options) is JsonConverter<T> created => created,
        _ => throw new InvalidOperationException($"the JSON converter {converter.GetType().Name} does not convert {typeof(T).Name}"),
    };

    /// <summary>
    /// The contract of <typeparamref name="T"/> when the options hold a converter for it (which then reads and writes
    /// the whole value, as System.Text.Json does for its own generated contracts); null when none does.
    /// </summary>
    public static JsonTypeInfo<T>? ConvertedByOptions<T>(JsonSerializerOptions options)
    {
        foreach (var converter in options.Converters)
        {
            if (converter.CanConvert(typeof(T)))
            {
                return JsonMetadataServices.CreateValueInfo<T>(options, Converter<T>(converter, options));
            }
        }

        return null;
    }

    private sealed class GeneratedResolver : IJsonTypeInfoResolver
    {
        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
            Contracts.TryGetValue(type, out var contract) ? contract(options) : null;
    }
}
