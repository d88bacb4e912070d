using Volara.Runtime.Geometry;

namespace Volara.Runtime.Engine;

/// <summary>
/// One unit of work: the task it belongs to, its spatial id (daisy's Cantor number of the grid index),
/// the region it reads (context included) and the region it writes, in world units.
/// </summary>
public sealed record Block(string TaskName, ulong Id, Roi ReadRoi, Roi WriteRoi)
{
    public override string ToString() => $"{TaskName}/{Id} with read ROI {ReadRoi} and write ROI {WriteRoi}";
}
