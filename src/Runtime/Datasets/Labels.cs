using System.Text.Json.Nodes;

namespace Volara.Runtime.Datasets;

/// <summary>Integer labels (fragments, segments); no extra attributes.</summary>
[Volara.Runtime.Serialization.JsonContract]
public sealed partial record Labels : Dataset
{
    public override JsonObject Attrs => [];
}
