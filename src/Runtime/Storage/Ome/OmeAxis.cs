namespace Volara.Runtime.Storage.Ome;

/// <summary>One OME-NGFF axis: a unique name, a type ("space", "time", "channel" or custom) and a UDUNITS-2 unit.</summary>
public sealed record OmeAxis(string Name, string? Type = null, string? Unit = null);
