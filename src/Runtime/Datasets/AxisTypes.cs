namespace Volara.Runtime.Datasets;

/// <summary>The axis type names of the funlib convention. Only space and time axes are physical (addressed in world units).</summary>
public static class AxisTypes
{
    public const string Space = "space";
    public const string Time = "time";
    public const string Channel = "channel";

    /// <summary>The suffix that marks a channel axis in an axis name, e.g. <c>c0^</c>.</summary>
    public const string ChannelMarker = "^";

    public static bool IsPhysical(string type) => type is Space or Time;
}
