using Volara.Runtime.Storage.Codecs.Blosc;

namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>The vectorised shuffles agree with the plain definitions for every item size and length.</summary>
public sealed class ShuffleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void Byte_shuffle_matches_the_definition(int typeSize)
    {
        foreach (int length in new[] { 0, 5, typeSize * 15, typeSize * 16 + 3, typeSize * 51, typeSize * 51 + 1, typeSize * 1000 + typeSize - 1, typeSize * 4099 })
        {
            var input = CodecTestData.Random(length, length + typeSize);
            var shuffled = new byte[length];
            ByteShuffle.Shuffle(typeSize, input, shuffled);
            Assert.Equal(ReferenceShuffle(typeSize, input), shuffled);
            var restored = new byte[length];
            ByteShuffle.Unshuffle(typeSize, shuffled, restored);
            Assert.Equal(input, restored);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(8)]
    public void A_range_of_elements_unshuffles_to_the_same_bytes_as_the_whole_block(int typeSize)
    {
        var random = new Random(typeSize);
        foreach (int count in new[] { 1, 17, 64, 100, 1031 })
        {
            var shuffled = CodecTestData.Random(count * typeSize, count);
            var whole = new byte[shuffled.Length];
            ByteShuffle.Unshuffle(typeSize, shuffled, whole);
            for (int trial = 0; trial < 20; trial++)
            {
                int first = random.Next(count);
                int length = random.Next(count - first + 1);
                var part = new byte[(length * typeSize) + 5];
                ByteShuffle.UnshuffleRange(typeSize, shuffled, first, length, part);
                Assert.Equal(whole.AsSpan(first * typeSize, length * typeSize).ToArray(), part[..(length * typeSize)]);
                Assert.All(part[(length * typeSize)..], b => Assert.Equal(0, b));
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(5)]
    public void Bit_shuffle_matches_the_definition(int typeSize)
    {
        foreach (int count in new[] { 0, 8, 24, 40, 256, 1000, 4104, 12 })
        {
            foreach (int trailing in new[] { 0, typeSize - 1 })
            {
                int length = count * typeSize + trailing;
                var input = CodecTestData.Random(length, length);
                var shuffled = new byte[length];
                BitShuffle.Shuffle(typeSize, input, shuffled, new byte[length]);
                Assert.Equal(ReferenceBitShuffle(typeSize, input), shuffled);
                var restored = new byte[length];
                BitShuffle.Unshuffle(typeSize, shuffled, restored, new byte[length]);
                Assert.Equal(input, restored);
            }
        }
    }

    [Fact]
    public void Bit_transpose_is_its_own_inverse_and_moves_bits_across()
    {
        Assert.Equal(0x0000_0000_0000_00FFUL, BitShuffle.TransposeBits(0x0101_0101_0101_0101UL));
        var random = new Random(3);
        for (int i = 0; i < 1000; i++)
        {
            ulong x = (ulong)random.NextInt64();
            Assert.Equal(x, BitShuffle.TransposeBits(BitShuffle.TransposeBits(x)));
        }
    }

    private static byte[] ReferenceShuffle(int typeSize, byte[] input)
    {
        int count = input.Length / typeSize;
        var output = (byte[])input.Clone();
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < typeSize; j++)
            {
                output[j * count + i] = input[i * typeSize + j];
            }
        }

        return output;
    }

    /// <summary>Bit k of byte j of element e goes to bit e%8 of byte e/8 in row (j, k), rows of count/8 bytes.</summary>
    private static byte[] ReferenceBitShuffle(int typeSize, byte[] input)
    {
        int count = input.Length / typeSize;
        var output = (byte[])input.Clone();
        if (count % 8 != 0)
        {
            return output;
        }

        Array.Clear(output, 0, count * typeSize);
        int rowLength = count / 8;
        for (int e = 0; e < count; e++)
        {
            for (int j = 0; j < typeSize; j++)
            {
                for (int k = 0; k < 8; k++)
                {
                    int bit = (input[e * typeSize + j] >> k) & 1;
                    output[(j * 8 + k) * rowLength + e / 8] |= (byte)(bit << (e % 8));
                }
            }
        }

        return output;
    }
}
