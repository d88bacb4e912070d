namespace Volara.Runtime.Engine.Tracking;

/// <summary>A task's block layout differs from the one its done-store was written with.</summary>
public sealed class LayoutChangedException(string message) : Exception(message);
