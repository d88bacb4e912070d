namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>The v3 string forms of <see cref="BloscShuffle"/>.</summary>
public static class BloscShuffleNames
{
    public static string Name(this BloscShuffle shuffle) => shuffle switch
    {
        BloscShuffle.NoShuffle => "noshuffle",
        BloscShuffle.Shuffle => "shuffle",
        BloscShuffle.BitShuffle => "bitshuffle",
        _ => throw new ArgumentOutOfRangeException(nameof(shuffle), shuffle, "automatic shuffle has no v3 name; resolve it first"),
    };

    public static BloscShuffle Parse(string name) => name switch
    {
        "noshuffle" => BloscShuffle.NoShuffle,
        "shuffle" => BloscShuffle.Shuffle,
        "bitshuffle" => BloscShuffle.BitShuffle,
        _ => throw new CodecException($"codec 'blosc': shuffle must be \"noshuffle\", \"shuffle\" or \"bitshuffle\", got \"{name}\""),
    };

    public static BloscShuffle FromV2(int value) => value switch
    {
        -1 => BloscShuffle.Auto,
        0 => BloscShuffle.NoShuffle,
        1 => BloscShuffle.Shuffle,
        2 => BloscShuffle.BitShuffle,
        _ => throw new CodecException($"codec 'blosc': shuffle must be -1, 0, 1 or 2, got {value}"),
    };

    /// <summary>numcodecs' rule for AUTOSHUFFLE: bit-shuffle when items are single bytes, else byte-shuffle.</summary>
    public static BloscShuffle Resolve(this BloscShuffle shuffle, int typeSize) =>
        shuffle != BloscShuffle.Auto ? shuffle : typeSize == 1 ? BloscShuffle.BitShuffle : BloscShuffle.Shuffle;
}
