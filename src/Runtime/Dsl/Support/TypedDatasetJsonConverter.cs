using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine.Serialization;
using Volara.Runtime.Serialization;

namespace Volara.Runtime.Dsl.Support;

/// <summary>
/// Reads and writes a typed dataset (<c>Raw&lt;float&gt;</c>, …) exactly as its untyped dataset, so configurations do not
/// change with the DSL. The generated task contracts name it for every typed dataset field.
/// </summary>
public sealed class TypedDatasetJsonConverter<TTyped, TUntyped> : JsonConverter<TTyped>
    where TTyped : class, ITypedDataset<TTyped, TUntyped>
    where TUntyped : Dataset
{
    public override TTyped? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Refused here, not in the nested read below, so that the error's path names the field.
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.Null))
        {
            throw new JsonException($"expected a dataset (an object with its 'store'), not {JsonTokens.Describe(ref reader)}");
        }

        return JsonSerializer.Deserialize(ref reader, UntypedContract(options)) is { } untyped ? TTyped.Wrap(untyped) : null;
    }

    public override void Write(Utf8JsonWriter writer, TTyped value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, (TUntyped)value.Untyped, UntypedContract(options));

    private readonly ContractCache<TUntyped> untypedContracts = new(static options => (JsonTypeInfo<TUntyped>)options.GetTypeInfo(typeof(TUntyped)));

    private JsonTypeInfo<TUntyped> UntypedContract(JsonSerializerOptions options) => untypedContracts.For(options);
}
