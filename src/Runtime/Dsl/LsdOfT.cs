namespace Volara.Runtime.Dsl;

/// <summary>
/// Local shape descriptors whose voxels a task sees as <typeparamref name="T"/> (stored values are converted on read).
/// Serialises exactly like <see cref="Datasets.Lsd"/>, including its <c>dataset_type</c>.
/// </summary>
public sealed record Lsd<T>(Datasets.Lsd Untyped) : ITypedDataset<Lsd<T>, Datasets.Lsd>
    where T : unmanaged
{
    public string Store => Untyped.Store;

    public string Name => Untyped.Name;

    /// <summary>Opens the stored array as it is (no conversion to <typeparamref name="T"/>).</summary>
    public Datasets.VolumeArray Array(Datasets.AccessMode mode = Datasets.AccessMode.Read) => Untyped.Array(mode);

    Datasets.Dataset ITypedDataset.Untyped => Untyped;

    Type ITypedDataset.ElementType => typeof(T);

    static Lsd<T> ITypedDataset<Lsd<T>, Datasets.Lsd>.Wrap(Datasets.Lsd untyped) => new(untyped);

    public static implicit operator Lsd<T>(Datasets.Lsd dataset) => new(dataset);

    public static implicit operator Datasets.Lsd(Lsd<T> typed) => typed.Untyped;
}
