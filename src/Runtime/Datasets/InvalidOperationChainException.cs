namespace Volara.Runtime.Datasets;

/// <summary>A lazy operation that cannot be applied to the array as it stands at that point in the op list.</summary>
public class InvalidOperationChainException : DatasetException
{
    public InvalidOperationChainException(string message)
        : base(message)
    {
    }

    public InvalidOperationChainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
