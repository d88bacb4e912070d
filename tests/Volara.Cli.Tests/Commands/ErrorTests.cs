using Volara.Cli.Tests.Support;

namespace Volara.Cli.Tests.Commands;

public sealed class ErrorTests
{
    [Theory]
    [InlineData("--chunks", "a,b", "--chunks: expected comma-separated positive integers such as 64,64,64, got 'a,b'")]
    [InlineData("--shards", "8,0,8", "--shards: expected comma-separated positive integers such as 64,64,64, got '8,0,8'")]
    [InlineData("--codec", "brotli", "--codec: unknown codec 'brotli' (choose one of none, gzip, zstd, lz4, blosc-lz4, blosc-zstd)")]
    [InlineData("--format", "4", "--format: expected 2 or 3, got '4'")]
    public void BadOptionTextIsAUsageErrorNamingTheOption(string option, string value, string message)
    {
        var result = VolaraProcess.Run("copy", "a.zarr", "b.zarr", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"volara: error: {message}\n", result.Stderr);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void MissingSourceNamesIt()
    {
        using var temp = new TempDirectory();

        var result = VolaraProcess.Run("copy", temp.Combine("absent.zarr"), temp.Combine("out.zarr"));

        Assert.Equal(2, result.ExitCode);
        string line = SingleErrorLine(result);
        Assert.Contains("absent.zarr", line);
        Assert.False(Directory.Exists(temp.Combine("out.zarr")));
    }

    [Fact]
    public void CorruptChunkNamesTheChunkKey()
    {
        using var temp = new TempDirectory();
        string source = temp.Combine("source.zarr");
        PythonArrays.Create(source, "8,8", "4,4", "uint16", "numcodecs.Blosc(cname='lz4', clevel=5, shuffle=1)");
        File.WriteAllBytes(Path.Combine(source, "1.0"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);

        var result = VolaraProcess.Run("copy", source, temp.Combine("out.zarr"));

        Assert.Equal(1, result.ExitCode);
        string line = SingleErrorLine(result);
        Assert.Contains("chunk '1.0'", line);
        Assert.Contains("source.zarr", line);
        Assert.False(Directory.Exists(temp.Combine("out.zarr")), "a failed copy leaves no partial destination");
    }

    [Fact]
    public void ShardsNeedFormat3()
    {
        using var temp = new TempDirectory();
        string source = temp.Combine("source.zarr");
        PythonArrays.Create(source, "8,8", "4,4", "uint8", "None");

        var result = VolaraProcess.Run("copy", source, temp.Combine("out.zarr"), "--shards", "8,8");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--shards needs Zarr format 3", SingleErrorLine(result));
    }

    [Fact]
    public void ChunksOfTheWrongRankAreRefused()
    {
        using var temp = new TempDirectory();
        string source = temp.Combine("source.zarr");
        PythonArrays.Create(source, "8,8,8", "4,4,4", "uint8", "None");

        var result = VolaraProcess.Run("copy", source, temp.Combine("out.zarr"), "--chunks", "4,4");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--chunks 4,4 has 2 dimensions but", SingleErrorLine(result));
    }

    [Fact]
    public void ExistingDestinationIsKeptUnlessOverwriteIsGiven()
    {
        using var temp = new TempDirectory();
        string source = temp.Combine("source.zarr"), destination = temp.Combine("dest.zarr");
        PythonArrays.Create(source, "8,8", "4,4", "uint8", "None");
        PythonArrays.Create(destination, "2,2", "2,2", "uint8", "None");

        var refused = VolaraProcess.Run("copy", source, destination);
        var replaced = VolaraProcess.Run("copy", source, destination, "--overwrite");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--overwrite", SingleErrorLine(refused));
        Assert.True(replaced.ExitCode == 0, replaced.Stderr);
        Assert.Contains("\"data\": true", PythonArrays.Compare(source, destination));
    }

    private static string SingleErrorLine(VolaraResult result) => SingleErrorLine(result.Stderr.TrimEnd('\n'));

    private static string SingleErrorLine(string stderr)
    {
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("volara: error: ", line);
        return line;
    }
}
