using System.Text.Json.Serialization;

namespace Volara.Runtime.Dsl;

/// <summary>
/// Raw intensities whose voxels a task sees as <typeparamref name="T"/> (stored values are converted on read).
/// Serialises exactly like <see cref="Datasets.Raw"/>, including its <c>dataset_type</c>.
/// </summary>
[JsonConverter(typeof(TypedDatasetJsonConverterFactory))]
public sealed record Raw<T>(Datasets.Raw Untyped) : ITypedDataset
    where T : unmanaged
{
    public string Store => Untyped.Store;

    public string Name => Untyped.Name;

    /// <summary>Opens the stored array as it is (no conversion to <typeparamref name="T"/>).</summary>
    public Datasets.VolumeArray Array(Datasets.AccessMode mode = Datasets.AccessMode.Read) => Untyped.Array(mode);

    Datasets.Dataset ITypedDataset.Untyped => Untyped;

    Type ITypedDataset.ElementType => typeof(T);

    public static implicit operator Raw<T>(Datasets.Raw dataset) => new(dataset);

    public static implicit operator Datasets.Raw(Raw<T> typed) => typed.Untyped;
}
