namespace Volara.Runtime.Datasets;

/// <summary>A world-unit ROI that does not fall on the voxel grid of the array.</summary>
public class UnalignedRoiException : DatasetException
{
    public UnalignedRoiException(string message)
        : base(message)
    {
    }

    public UnalignedRoiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
