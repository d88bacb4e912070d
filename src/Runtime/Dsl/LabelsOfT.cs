namespace Volara.Runtime.Dsl;

/// <summary>
/// Integer labels whose voxels a task sees as <typeparamref name="T"/> (stored values are converted on read).
/// Serialises exactly like <see cref="Datasets.Labels"/>, including its <c>dataset_type</c>.
/// </summary>
public sealed record Labels<T>(Datasets.Labels Untyped) : ITypedDataset<Labels<T>, Datasets.Labels>
    where T : unmanaged
{
    public string Store => Untyped.Store;

    public string Name => Untyped.Name;

    /// <summary>Opens the stored array as it is (no conversion to <typeparamref name="T"/>).</summary>
    public Datasets.VolumeArray Array(Datasets.AccessMode mode = Datasets.AccessMode.Read) => Untyped.Array(mode);

    Datasets.Dataset ITypedDataset.Untyped => Untyped;

    Type ITypedDataset.ElementType => typeof(T);

    static Labels<T> ITypedDataset<Labels<T>, Datasets.Labels>.Wrap(Datasets.Labels untyped) => new(untyped);

    public static implicit operator Labels<T>(Datasets.Labels dataset) => new(dataset);

    public static implicit operator Datasets.Labels(Labels<T> typed) => typed.Untyped;
}
