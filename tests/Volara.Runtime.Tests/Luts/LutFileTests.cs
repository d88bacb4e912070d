using System.IO.Compression;
using Volara.Runtime.Luts;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Luts;

public sealed class LutFileTests
{
    [Fact]
    public void SaveThenLoadRoundTripsExactIds()
    {
        using var temp = new TempDirectory();
        var lut = new Lut { Path = temp.Combine("lut") };
        Assert.Equal(temp.Combine("lut.npz"), lut.File);
        Assert.Equal("lut", lut.Name);
        Assert.Null(lut.Load());
        Assert.False(lut.Exists());

        ulong[] fragments = [1, 2, 3, ulong.MaxValue - 1, 1UL << 63];
        ulong[] segments = [10, 20, 30, 7, (1UL << 63) + 5];
        lut.Save(new FragmentSegmentLut(fragments, segments));
        Assert.True(lut.Exists());
        var loaded = lut.Load()!;
        Assert.Equal(fragments, loaded.Fragments);
        Assert.Equal(segments, loaded.Segments);

        lut.Drop();
        Assert.False(lut.Exists());
        lut.Drop();
    }

    [Fact]
    public void TheSameTableSavedAtAnotherTimeGivesTheSameBytes()
    {
        using var temp = new TempDirectory();
        var lut = new Lut { Path = temp.Combine("lut") };
        var table = new FragmentSegmentLut([1, 2, 3], [7, 7, 9]);
        lut.Save(table);
        byte[] first = File.ReadAllBytes(lut.File);
        using (var archive = ZipFile.OpenRead(lut.File))
        {
            Assert.Equal(new DateTime(1980, 1, 1), archive.Entries.Single().LastWriteTime.DateTime);
        }

        Thread.Sleep(2100);
        lut.Save(table);

        Assert.Equal(first, File.ReadAllBytes(lut.File));
    }

    [Fact]
    public void NpzSuffixIsNotDoubled()
    {
        Assert.Equal("a/b.npz", new Lut { Path = "a/b.npz" }.File);
        Assert.Equal("b", new Lut { Path = "a/b.npz" }.Name);
    }

    [Fact]
    public void NumpyReadsWhatWeWrite()
    {
        using var temp = new TempDirectory();
        var lut = new Lut { Path = temp.Combine("written") };
        lut.Save(new FragmentSegmentLut([5, 6, 1UL << 40, ulong.MaxValue], [50, 60, 7, 1]));
        string output = ReferencePython.Run(
            """
            import sys, numpy as np
            with np.load(sys.argv[1]) as data:
                a = data["fragment_segment_lut"]
                print(sorted(data.files), a.dtype, a.shape)
                print(" ".join(str(int(v)) for v in a.ravel()))
            """,
            lut.File);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("['fragment_segment_lut'] uint64 (2, 4)", lines[0]);
        Assert.Equal($"5 6 {1UL << 40} {ulong.MaxValue} 50 60 7 1", lines[1]);
    }

    [Theory]
    [InlineData("np.int64", "np.savez_compressed", "C")]
    [InlineData("np.uint64", "np.savez", "C")]
    [InlineData("np.int32", "np.savez_compressed", "F")]
    [InlineData("np.uint8", "np.savez", "F")]
    public void WeReadWhatNumpyWrites(string dtype, string save, string order)
    {
        using var temp = new TempDirectory();
        string file = temp.Combine("from-numpy.npz");
        ReferencePython.Run(
            $$"""
            import sys, numpy as np
            lut = np.array([[1, 2, 3, 4], [10, 20, 30, 40]], dtype={{dtype}}, order="{{order}}")
            {{save}}(sys.argv[1], fragment_segment_lut=lut, edges=np.array([[1, 1, 2]]))
            """,
            file);
        var loaded = new Lut { Path = file }.Load()!;
        Assert.Equal([1UL, 2, 3, 4], loaded.Fragments);
        Assert.Equal([10UL, 20, 30, 40], loaded.Segments);
    }

    [Fact]
    public void NumpyUint64ExtremesSurviveBothWays()
    {
        using var temp = new TempDirectory();
        string file = temp.Combine("big.npz");
        ReferencePython.Run(
            """
            import sys, numpy as np
            f = np.array([2**63 + 1, 2**63 + 2, 2**64 - 1], dtype=np.uint64)
            np.savez_compressed(sys.argv[1], fragment_segment_lut=np.stack([f, f + np.uint64(0) - np.uint64(1)]))
            """,
            file);
        var lut = new Lut { Path = file };
        var loaded = lut.Load()!;
        Assert.Equal([(1UL << 63) + 1, (1UL << 63) + 2, ulong.MaxValue], loaded.Fragments);
        Assert.Equal([1UL << 63, (1UL << 63) + 1, ulong.MaxValue - 1], loaded.Segments);
    }

    [Fact]
    public void EmptyTableRoundTripsThroughNumpy()
    {
        using var temp = new TempDirectory();
        var lut = new Lut { Path = temp.Combine("empty") };
        lut.Save(FragmentSegmentLut.Empty);
        Assert.Equal(0, lut.Load()!.Count);
        Assert.Equal("(2, 0)", ReferencePython.Run("import sys, numpy as np; print(np.load(sys.argv[1])['fragment_segment_lut'].shape)", lut.File).Trim());
    }

    [Fact]
    public void BadFilesAreNamed()
    {
        using var temp = new TempDirectory();
        string notZip = temp.Combine("not-zip.npz");
        File.WriteAllText(notZip, "hello");
        var error = Assert.Throws<LutFormatException>(() => new Lut { Path = notZip }.Load());
        Assert.Contains(notZip, error.Message);

        string wrongKey = temp.Combine("wrong-key.npz");
        using (var archive = ZipFile.Open(wrongKey, ZipArchiveMode.Create))
        {
            archive.CreateEntry("other.npy");
        }

        error = Assert.Throws<LutFormatException>(() => new Lut { Path = wrongKey }.Load());
        Assert.Contains("fragment_segment_lut", error.Message);

        string wrongShape = temp.Combine("wrong-shape.npz");
        ReferencePython.Run("import sys, numpy as np; np.savez(sys.argv[1], fragment_segment_lut=np.zeros((3, 2), dtype=np.uint64))", wrongShape);
        error = Assert.Throws<LutFormatException>(() => new Lut { Path = wrongShape }.Load());
        Assert.Contains("2×N", error.Message);

        string floats = temp.Combine("floats.npz");
        ReferencePython.Run("import sys, numpy as np; np.savez(sys.argv[1], fragment_segment_lut=np.zeros((2, 2)))", floats);
        error = Assert.Throws<LutFormatException>(() => new Lut { Path = floats }.Load());
        Assert.Contains("<f8", error.Message);
    }

    [Fact]
    public void ConcatenateAndThenFollowVolarasLuts()
    {
        var a = new FragmentSegmentLut([1, 2], [10, 20]);
        var b = new FragmentSegmentLut([10, 20], [100, 200]);
        var both = FragmentSegmentLut.Concatenate([a, b]);
        Assert.Equal([1UL, 2, 10, 20], both.Fragments);
        Assert.Equal([10UL, 20, 100, 200], both.Segments);

        var chained = a.Then(new FragmentSegmentLut([10], [100]));
        Assert.Equal([1UL, 2], chained.Fragments);
        Assert.Equal([100UL, 20], chained.Segments);
    }

    [Fact]
    public void ConfigurationSerialisesAsVolarasLut()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new Lut { Path = "x/lut" });
        Assert.Equal("{\"path\":\"x/lut\"}", json);
        Assert.Equal("x/lut", System.Text.Json.JsonSerializer.Deserialize<Lut>(json)!.Path);
    }
}
