namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>Bits of a Blosc 1 header's flags byte.</summary>
[Flags]
internal enum BloscFlags : byte
{
    None = 0,
    ByteShuffle = 0x01,
    Memcpyed = 0x02,
    BitShuffle = 0x04,
    Reserved = 0x08,
    DontSplit = 0x10,
}
