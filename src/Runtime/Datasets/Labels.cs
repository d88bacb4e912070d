using System.Text.Json.Nodes;

namespace Volara.Runtime.Datasets;

/// <summary>Integer labels (fragments, segments); no extra attributes.</summary>
public sealed record Labels : Dataset
{
    public override JsonObject Attrs => [];
}
