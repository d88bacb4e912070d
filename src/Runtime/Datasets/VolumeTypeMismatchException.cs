namespace Volara.Runtime.Datasets;

/// <summary>A typed access (<c>VolumeArray&lt;T&gt;</c>, <c>Read&lt;T&gt;</c>) whose element type is not the array's data type.</summary>
public class VolumeTypeMismatchException : DatasetException
{
    public VolumeTypeMismatchException(string message)
        : base(message)
    {
    }

    public VolumeTypeMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
