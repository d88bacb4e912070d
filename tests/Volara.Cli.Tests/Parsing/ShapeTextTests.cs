using Volara.Cli.Parsing;

namespace Volara.Cli.Tests.Parsing;

public sealed class ShapeTextTests
{
    [Fact]
    public void ParsesCommaSeparatedPositiveIntegers() =>
        Assert.Equal([64, 32, 8], ShapeText.Parse("64, 32,8"));

    [Theory]
    [InlineData("a,b")]
    [InlineData("64,,64")]
    [InlineData("0,64")]
    [InlineData("-1,64")]
    [InlineData("")]
    [InlineData("99999999999")]
    public void RejectsAnythingElseQuotingTheText(string text)
    {
        var error = Assert.Throws<FormatException>(() => ShapeText.Parse(text));
        Assert.Contains($"'{text}'", error.Message);
    }
}
