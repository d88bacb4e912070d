using Volara.Runtime.Memory;
using Xunit;

namespace Volara.Runtime.Tests.Memory;

[Collection(ScratchMemoryCollection.Name)]
public sealed class ByteArrayPoolTests
{
    [Fact]
    public void ALargeArrayIsReusedByTheNextBlockThatAsksForItsSize()
    {
        DropEverything();
        var first = ByteArrayPool.Rent(5 << 20);
        Assert.Equal(8 << 20, first.Length);
        ByteArrayPool.Return(first);
        Assert.Equal(8L << 20, ByteArrayPool.IdleBytes);

        ByteArrayPool.ReleaseIdle();
        var again = ByteArrayPool.Rent(6 << 20);
        Assert.Same(first, again);
        ByteArrayPool.Return(again);
    }

    [Fact]
    public void AnArrayNoBlockAskedForIsDropped()
    {
        DropEverything();
        var first = ByteArrayPool.Rent(3 << 20);
        ByteArrayPool.Return(first);

        ByteArrayPool.ReleaseIdle();
        Assert.Equal(4L << 20, ByteArrayPool.IdleBytes);
        ByteArrayPool.ReleaseIdle();
        Assert.Equal(0, ByteArrayPool.IdleBytes);
        var next = ByteArrayPool.Rent(3 << 20);
        Assert.NotSame(first, next);
        ByteArrayPool.Return(next);
    }

    [Fact]
    public void ArraysInUseAtOnceAreAllKept()
    {
        DropEverything();
        var arrays = Enumerable.Range(0, 3).Select(_ => ByteArrayPool.Rent(1 << 20)).ToList();
        Assert.Equal(3, arrays.Distinct().Count());
        arrays.ForEach(ByteArrayPool.Return);

        ByteArrayPool.ReleaseIdle();
        var again = Enumerable.Range(0, 3).Select(_ => ByteArrayPool.Rent(1 << 20)).ToList();
        Assert.Equal(arrays.ToHashSet(), again.ToHashSet());
        again.ForEach(ByteArrayPool.Return);
    }

    [Fact]
    public void SmallRequestsLeaveNothingHeldHere()
    {
        DropEverything();
        var small = ByteArrayPool.Rent(1000);
        Assert.InRange(small.Length, 1000, ByteArrayPool.LargeThreshold - 1);
        ByteArrayPool.Return(small);
        Assert.Equal(0, ByteArrayPool.IdleBytes);
    }

    [Fact]
    public void AnArrayFromElsewhereIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => ByteArrayPool.Return(new byte[100_000]));
        Assert.Contains("not rented from this pool", error.Message);
    }

    private static void DropEverything()
    {
        ByteArrayPool.ReleaseIdle();
        ByteArrayPool.ReleaseIdle();
        Assert.Equal(0, ByteArrayPool.IdleBytes);
    }
}
