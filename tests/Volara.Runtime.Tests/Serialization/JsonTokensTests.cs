using System.Text;
using System.Text.Json;
using Volara.Runtime.Serialization;
using Xunit;

namespace Volara.Runtime.Tests.Serialization;

public class JsonTokensTests
{
    [Theory]
    [InlineData("\"abc\"", "\"abc\"")]
    [InlineData("1.5e3", "1.5e3")]
    [InlineData("true", "true")]
    [InlineData("null", "null")]
    [InlineData("[1, 2]", "a list")]
    [InlineData("{\"a\": 1}", "an object")]
    public void SaysTheValueAsItsAuthorWroteIt(string json, string expected)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();

        Assert.Equal(expected, JsonTokens.Describe(ref reader));
    }

    [Fact]
    public void ShortensAValueOfAnyLength()
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes($"\"{new string('x', 100_000)}\""));
        reader.Read();

        string shown = JsonTokens.Describe(ref reader);

        Assert.Equal(60, shown.Length);
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
    }
}
