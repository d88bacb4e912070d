namespace Volara.Runtime.Datasets;

/// <summary>A dataset description that contradicts itself or the array it refers to (volara's validation errors).</summary>
public class InvalidDatasetException : DatasetException
{
    public InvalidDatasetException(string message)
        : base(message)
    {
    }

    public InvalidDatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
