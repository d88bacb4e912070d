namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>Blosc's pre-compression filter; the values are numcodecs' v2 <c>shuffle</c> integers.</summary>
public enum BloscShuffle
{
    /// <summary>numcodecs' AUTOSHUFFLE: bit-shuffle for 1-byte items, byte-shuffle otherwise, decided when encoding.</summary>
    Auto = -1,
    NoShuffle = 0,
    Shuffle = 1,
    BitShuffle = 2,
}
