namespace Volara.Runtime.Storage.Zarr;

public enum ZarrNodeKind
{
    Array,
    Group,
}
