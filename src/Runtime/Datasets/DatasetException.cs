namespace Volara.Runtime.Datasets;

/// <summary>The base of every error raised while opening, preparing, reading or writing a dataset.</summary>
public class DatasetException : Exception
{
    public DatasetException(string message)
        : base(message)
    {
    }

    public DatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
