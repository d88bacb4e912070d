using Volara.Runtime.Skeletons;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Skeletons;

public sealed class NmlReaderTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string Write(string text)
    {
        string path = temp.Combine($"tracing-{Guid.NewGuid():N}.nml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ReadsThingsNodesAndEdgesSkippingEverythingElse()
    {
        string path = Write(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <things>
              <meta name="writer" content="webKnossos"/>
              <parameters>
                <experiment name="cells"/>
                <scale x="11.24" y="11.24" z="28.0"/>
              </parameters>
              <thing id="4" color.r="0.1" name="axon">
                <nodes>
                  <node id="1" radius="120" x="10" y="20" z="3" rotX="0" inVp="1" time="0"/>
                  <node id="2" radius="120" x="11.75" y="21" z="3"/>
                </nodes>
                <edges>
                  <edge source="1" target="2"/>
                </edges>
              </thing>
              <thing id="9" name="soma"><nodes><node id="5" x="1" y="2"/></nodes><edges/></thing>
              <branchpoints/>
              <comments><comment node="1" content="start"/></comments>
            </things>
            """);

        var skeletons = NmlReader.Read(path);

        Assert.Equal([4L, 9L], skeletons.Select(s => s.Id));
        Assert.Equal("axon", skeletons[0].Name);
        Assert.Equal([new SkeletonNode(1, 10, 20, 3), new SkeletonNode(2, 11.75, 21, 3)], skeletons[0].Nodes);
        Assert.Equal([(1L, 2L)], skeletons[0].Edges);
        Assert.Equal([new SkeletonNode(5, 1, 2, 0)], skeletons[1].Nodes);

        // (z, y, x) voxels, trailing axes for 2-D data, fractions floored; single-node skeletons do not seed.
        var seeds3 = SkeletonSeeds.From(skeletons, 3);
        Assert.Equal(2, seeds3.Count);
        Assert.Equal([3L, 21L, 11L], seeds3.Voxel(1).ToArray());
        Assert.Equal(4UL, seeds3.Id(1));
        var seeds2 = SkeletonSeeds.From(skeletons, 2);
        Assert.Equal([20L, 10L], seeds2.Voxel(0).ToArray());

        var region = new ulong[4 * 5];
        Assert.Equal(2, seeds2.Place([19, 9], [4, 5], region));
        Assert.Equal(4UL, region[(1 * 5) + 1]);
        Assert.Equal(4UL, region[(2 * 5) + 2]);
        Assert.Equal(2, region.Count(v => v != 0));
    }

    [Theory]
    [InlineData("<things>\n<thing id=\"1\">\n<nodes>\n<node id=\"1\" y=\"2\" z=\"3\"/>\n</nodes>\n</thing>\n</things>", 4, "no 'x' attribute")]
    [InlineData("<things>\n<thing id=\"1\"><nodes><node id=\"1\" x=\"a\" y=\"2\"/></nodes></thing>\n</things>", 2, "x=\"a\" is not a number")]
    [InlineData("<things>\n<thing id=\"1\"><nodes><node id=\"1\" x=\"1\" y=\"2\"/></nodes>\n<edges>\n\n<edge source=\"1\" target=\"7\"/></edges></thing></things>", 5, "names a node the thing does not have")]
    [InlineData("<things>\n<thing id=\"2\"/>\n<thing id=\"2\"/>\n</things>", 3, "thing id 2 appears twice")]
    [InlineData("<things>\n<thing id=\"0\"/>\n</things>", 2, "must be positive")]
    [InlineData("<things>\n<thing id=\"1\">\n<nodes>\n</thing>\n</things>", 4, "not well-formed XML")]
    [InlineData("<skeletons/>", 1, "expected 'things'")]
    public void MalformedFilesAreReportedWithFileAndLine(string text, int line, string problem)
    {
        string path = Write(text);
        var error = Assert.Throws<NmlFormatException>(() => NmlReader.Read(path));
        Assert.Contains($"NML file '{path}', line {line}:", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        string path = temp.Combine("absent.nml");
        var error = Assert.Throws<FileNotFoundException>(() => NmlReader.Read(path));
        Assert.Contains(path, error.Message);
    }
}
