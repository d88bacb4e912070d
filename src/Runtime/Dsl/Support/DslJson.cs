using System.Text.Json;
using System.Text.Json.Serialization;

namespace Volara.Runtime.Dsl.Support;

/// <summary>JSON helpers the generated task contracts call.</summary>
public static class DslJson
{
    /// <summary>The converter a property's <c>[JsonConverter]</c> names, for the property's type (a factory is asked for it).</summary>
    public static JsonConverter<T> Converter<T>(JsonConverter converter, JsonSerializerOptions options) => converter switch
    {
        JsonConverter<T> typed => typed,
        JsonConverterFactory factory when factory.CreateConverter(typeof(T), options) is JsonConverter<T> created => created,
        _ => throw new InvalidOperationException($"the JSON converter {converter.GetType().Name} does not convert {typeof(T).Name}"),
    };

    /// <summary>The converter of a typed dataset field declared as <typeparamref name="TProperty"/> (the typed dataset, nullable or not).</summary>
    public static JsonConverter<TProperty> TypedDataset<TProperty, TTyped, TUntyped>()
        where TTyped : class, ITypedDataset<TTyped, TUntyped>
        where TUntyped : Datasets.Dataset =>
        (JsonConverter<TProperty>)(object)new TypedDatasetJsonConverter<TTyped, TUntyped>();
}
