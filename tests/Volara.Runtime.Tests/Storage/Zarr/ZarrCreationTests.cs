using System.Diagnostics;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Storage.Zarr;

/// <summary>An array appears complete or not at all, and what an interrupted creation left is no obstacle.</summary>
public sealed class ZarrCreationTests
{
    private static readonly ZarrArrayOptions Options = new() { Shape = [8, 8], ChunkShape = [4, 4], DataType = DataType.UInt8 };

    [Fact]
    public void WhatAnInterruptedCreationLeftIsReplacedAndIsNoArray()
    {
        using var temp = new TempDirectory();
        string node = temp.Combine("s.zarr", "raw");
        Directory.CreateDirectory(node);
        File.WriteAllText(Path.Combine(node, ".zattrs"), "{}");
        File.WriteAllText(Path.Combine(node, ".zarray.0123456789abcdef.partial"), "{");
        Assert.False(ZarrArray.Exists(node));

        var array = ZarrArray.Create(node, Options);

        Assert.True(ZarrArray.Exists(node));
        Assert.Equal([8, 8], array.Shape);
        Assert.Equal([".zarray"], Directory.GetFiles(node).Select(Path.GetFileName));
    }

    [Fact]
    public void AStagingDirectoryOfAnEndedProcessIsRemovedAndNeverTakenForTheArray()
    {
        using var temp = new TempDirectory();
        using var ended = Process.Start("true")!;
        ended.WaitForExit();
        string abandoned = temp.Combine($".raw.creating-{ended.Id}-0123");
        Directory.CreateDirectory(abandoned);
        File.WriteAllText(Path.Combine(abandoned, ".zarray"), "{}");
        Assert.False(ZarrArray.Exists(temp.Combine("raw")));

        ZarrArray.Create(temp.Combine("raw"), Options);

        Assert.Equal(["raw"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AReplacementLeavesTheOldArrayWholeUntilItIsCommitted()
    {
        using var temp = new TempDirectory();
        string node = temp.Combine("raw");
        ZarrArray.Create(node, Options).Write<byte>([0, 0], [8, 8], Enumerable.Repeat((byte)7, 64).ToArray());

        using (var abandoned = ZarrArray.CreateReplacement(node, Options, overwrite: true))
        {
            abandoned.Array.Write<byte>([0, 0], [8, 8], new byte[64]);
        }

        Assert.Equal(Enumerable.Repeat((byte)7, 64), ReadAll(node));
        Assert.Equal(["raw"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));

        using (var replacement = ZarrArray.CreateReplacement(node, Options, overwrite: true))
        {
            replacement.Array.Write<byte>([0, 0], [8, 8], Enumerable.Repeat((byte)9, 64).ToArray());
            Assert.Equal(Enumerable.Repeat((byte)7, 64), ReadAll(node));
            replacement.Commit();
        }

        Assert.Equal(Enumerable.Repeat((byte)9, 64), ReadAll(node));
        Assert.Equal(["raw"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    private static byte[] ReadAll(string node)
    {
        var data = new byte[64];
        ZarrArray.Open(node).Read<byte>([0, 0], [8, 8], data);
        return data;
    }
}
