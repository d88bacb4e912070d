namespace Volara.Runtime.Datasets;

/// <summary>A ROI that is not inside the array where it must be (writes, crops).</summary>
public class RoiOutOfBoundsException : DatasetException
{
    public RoiOutOfBoundsException(string message)
        : base(message)
    {
    }

    public RoiOutOfBoundsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
