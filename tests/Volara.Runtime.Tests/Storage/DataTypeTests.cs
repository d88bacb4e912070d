using Volara.Runtime.Storage;

namespace Volara.Runtime.Tests.Storage;

public class DataTypeTests
{
    [Theory]
    [InlineData("|u1", ScalarKind.UInt8, false, "uint8")]
    [InlineData("<u8", ScalarKind.UInt64, false, "uint64")]
    [InlineData(">u8", ScalarKind.UInt64, true, "uint64")]
    [InlineData("<f4", ScalarKind.Float32, false, "float32")]
    [InlineData(">f8", ScalarKind.Float64, true, "float64")]
    [InlineData("|b1", ScalarKind.Bool, false, "bool")]
    [InlineData("|i1", ScalarKind.Int8, false, "int8")]
    [InlineData("<i2", ScalarKind.Int16, false, "int16")]
    [InlineData("<f2", ScalarKind.Float16, false, "float16")]
    public void Type_strings_round_trip(string text, ScalarKind kind, bool bigEndian, string numpyName)
    {
        var parsed = DataType.TryParseTypeString(text);

        Assert.Equal(new DataType(kind, bigEndian), parsed);
        Assert.Equal(text, parsed!.Value.TypeString);
        Assert.Equal(numpyName, parsed.Value.NumpyName);
    }

    [Theory]
    [InlineData("<U8")]
    [InlineData("<c8")]
    [InlineData("u1")]
    [InlineData("")]
    [InlineData("|V16")]
    public void Unsupported_type_strings_are_rejected(string text) => Assert.Null(DataType.TryParseTypeString(text));

    [Fact]
    public void Single_byte_types_ignore_the_byte_order_mark()
    {
        Assert.Equal(DataType.UInt8, DataType.TryParseTypeString(">u1"));
        Assert.False(DataType.TryParseTypeString(">u1")!.Value.NeedsByteSwap);
    }

    [Fact]
    public void Clr_types_map_to_their_data_types()
    {
        Assert.Equal(DataType.UInt64, DataType.Of<ulong>());
        Assert.Equal(DataType.Float32, DataType.Of<float>());
        Assert.Equal(DataType.Bool, DataType.Of<bool>());
        Assert.True(DataType.UInt8.Matches<byte>());
        Assert.False(DataType.UInt8.Matches<sbyte>());
        Assert.Throws<NotSupportedException>(() => DataType.Of<decimal>());
    }

    [Fact]
    public void Swapping_bytes_reverses_each_element()
    {
        byte[] data = [1, 2, 3, 4, 5, 6, 7, 8];

        new DataType(ScalarKind.UInt32, BigEndian: true).SwapBytes(data);

        Assert.Equal(new byte[] { 4, 3, 2, 1, 8, 7, 6, 5 }, data);
    }
}
