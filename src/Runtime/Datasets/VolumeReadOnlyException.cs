namespace Volara.Runtime.Datasets;

/// <summary>A write to an array that was opened read-only or whose operations make it read-only.</summary>
public class VolumeReadOnlyException : DatasetException
{
    public VolumeReadOnlyException(string message)
        : base(message)
    {
    }

    public VolumeReadOnlyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
