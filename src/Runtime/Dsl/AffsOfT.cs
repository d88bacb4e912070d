namespace Volara.Runtime.Dsl;

/// <summary>
/// Affinities whose voxels a task sees as <typeparamref name="T"/> (stored values are converted on read).
/// Serialises exactly like <see cref="Datasets.Affs"/>, including its <c>dataset_type</c>.
/// </summary>
public sealed record Affs<T>(Datasets.Affs Untyped) : ITypedDataset<Affs<T>, Datasets.Affs>
    where T : unmanaged
{
    public string Store => Untyped.Store;

    public string Name => Untyped.Name;

    /// <summary>Opens the stored array as it is (no conversion to <typeparamref name="T"/>).</summary>
    public Datasets.VolumeArray Array(Datasets.AccessMode mode = Datasets.AccessMode.Read) => Untyped.Array(mode);

    Datasets.Dataset ITypedDataset.Untyped => Untyped;

    Type ITypedDataset.ElementType => typeof(T);

    static Affs<T> ITypedDataset<Affs<T>, Datasets.Affs>.Wrap(Datasets.Affs untyped) => new(untyped);

    public static implicit operator Affs<T>(Datasets.Affs dataset) => new(dataset);

    public static implicit operator Datasets.Affs(Affs<T> typed) => typed.Untyped;
}
