using System.Text.Json;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tests.Geometry;

public class RoiJsonTests
{
    [Fact]
    public void A_roi_is_written_as_volara_writes_it()
    {
        var roi = new Roi(new Coordinate(0L, -4, 8), new Coordinate(10L, 20, 30));

        Assert.Equal("[[0,-4,8],[10,20,30]]", JsonSerializer.Serialize(roi));
        Assert.Equal(roi, JsonSerializer.Deserialize<Roi>("[[0,-4,8],[10,20,30]]"));
    }

    [Fact]
    public void The_object_form_is_read_too()
    {
        var roi = JsonSerializer.Deserialize<Roi>("""{"offset": [1, 2], "shape": [3, 4]}""");

        Assert.Equal(new Roi(new Coordinate(1L, 2), new Coordinate(3L, 4)), roi);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[[1,2]]")]
    [InlineData("[[1,2],[3,4],[5,6]]")]
    [InlineData("[[1,2],[3]]")]
    [InlineData("""{"offset": [1, 2]}""")]
    [InlineData("""{"offset": [1], "shape": [2], "size": [3]}""")]
    [InlineData("17")]
    public void Malformed_rois_are_rejected(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Roi>(json));
}
