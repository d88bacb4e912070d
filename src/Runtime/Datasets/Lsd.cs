using System.Text.Json.Nodes;

namespace Volara.Runtime.Datasets;

/// <summary>Local shape descriptors; marked with <c>{"lsds": true}</c>.</summary>
[Volara.Runtime.Serialization.JsonContract]
public sealed partial record Lsd : Dataset
{
    public override JsonObject Attrs => new() { ["lsds"] = true };
}
