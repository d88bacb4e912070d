using System.Text.Json;
using System.Text.Json.Serialization;

namespace Volara.Runtime.Dsl.Support;

/// <summary>JSON helpers the generated task contracts call.</summary>
public static class DslJson
{
    /// <summary>The converter of a typed dataset field declared as <typeparamref name="TProperty"/> (the typed dataset, nullable or not).</summary>
    public static JsonConverter<TProperty> TypedDataset<TProperty, TTyped, TUntyped>()
        where TTyped : class, ITypedDataset<TTyped, TUntyped>
        where TUntyped : Datasets.Dataset =>
        (JsonConverter<TProperty>)(object)new TypedDatasetJsonConverter<TTyped, TUntyped>();

    /// <summary>Registers the contract of a typed dataset type (read and written as its untyped dataset).</summary>
    public static void RegisterTypedDataset<TTyped, TUntyped>()
        where TTyped : class, ITypedDataset<TTyped, TUntyped>
        where TUntyped : Datasets.Dataset =>
        Serialization.JsonContracts.Add(
            typeof(TTyped),
            static options => System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<TTyped>(options, new TypedDatasetJsonConverter<TTyped, TUntyped>()));
}
