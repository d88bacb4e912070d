namespace Volara.Runtime.Datasets;

/// <summary>An existing array whose shape, chunks or data type differ from what was asked for (Python's PermissionError in prepare_ds).</summary>
public class IncompatibleArrayException : DatasetException
{
    public IncompatibleArrayException(string message)
        : base(message)
    {
    }

    public IncompatibleArrayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
