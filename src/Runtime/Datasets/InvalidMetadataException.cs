namespace Volara.Runtime.Datasets;

/// <summary>Dataset metadata (voxel_size, offset, axis_names, units, types) that is missing, malformed or contradictory.</summary>
public class InvalidMetadataException : DatasetException
{
    public InvalidMetadataException(string message)
        : base(message)
    {
    }

    public InvalidMetadataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
