using System.Text.Json;
using System.Text.Json.Serialization;
using Volara.Runtime.Datasets;

namespace Volara.Runtime.Dsl;

/// <summary>(De)serialises a typed dataset as its untyped dataset, so configurations do not change with the DSL.</summary>
public sealed class TypedDatasetJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeof(ITypedDataset).IsAssignableFrom(typeToConvert) && !typeToConvert.IsInterface;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var untyped = typeToConvert.GetProperty(nameof(ITypedDataset.Untyped))!.PropertyType;
        return (JsonConverter)Activator.CreateInstance(typeof(Converter<,>).MakeGenericType(typeToConvert, untyped))!;
    }

    private sealed class Converter<TTyped, TUntyped> : JsonConverter<TTyped>
        where TTyped : class, ITypedDataset
        where TUntyped : Dataset
    {
        public override TTyped? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var untyped = JsonSerializer.Deserialize<TUntyped>(ref reader, options);
            return untyped is null ? null : (TTyped)Activator.CreateInstance(typeof(TTyped), untyped)!;
        }

        public override void Write(Utf8JsonWriter writer, TTyped value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, (TUntyped)value.Untyped, options);
    }
}
