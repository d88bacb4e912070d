namespace Volara.Runtime.Storage.Zarr;

/// <summary>A metadata document (.zarray, .zgroup, .zattrs, zarr.json) is malformed; names the file and the offending field.</summary>
public sealed class MetadataException : ZarrException
{
    public MetadataException(string arrayPath, string file, string field, string problem, Exception? inner = null)
        : base(field.Length == 0 ? $"{file} {problem}" : $"{file}: field '{field}': {problem}", arrayPath, null, inner)
    {
        File = file;
        Field = field;
    }

    /// <summary>The metadata file name (<c>.zarray</c>, <c>zarr.json</c>, ...).</summary>
    public string File { get; }

    public string Field { get; }
}
