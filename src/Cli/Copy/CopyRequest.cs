namespace Volara.Cli.Copy;

/// <summary>What <c>volara copy</c> was asked to do; null members mean "as in the source".</summary>
public sealed record CopyRequest(
    string Source,
    string Destination,
    int? ZarrFormat = null,
    string? Codec = null,
    int[]? Chunks = null,
    int[]? Shards = null,
    bool Overwrite = false);
