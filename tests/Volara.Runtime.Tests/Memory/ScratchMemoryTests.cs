using Volara.Runtime.Memory;
using Xunit;

namespace Volara.Runtime.Tests.Memory;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScratchMemoryCollection
{
    /// <summary>Scratch memory is one per process: its tests run while nothing else rents from it.</summary>
    public const string Name = "scratch memory";
}

[Collection(ScratchMemoryCollection.Name)]
public sealed class ScratchMemoryTests
{
    [Fact]
    public unsafe void AReturnedBufferServesTheNextRequestOfItsSize()
    {
        ScratchMemory.ReleaseIdle();
        ScratchMemory.ReleaseIdle();
        nint first;
        using (var buffer = ScratchMemory.Rent<int>(1_000_000))
        {
            first = (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref buffer.Reference);
            buffer.Span.Fill(7);
        }

        using var again = ScratchMemory.Rent<int>(999_000);
        Assert.Equal(first, (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref again.Reference));
        Assert.Equal(999_000, again.Length);
    }

    [Fact]
    public void IdleBuffersThatNoBlockAskedForAreReleased()
    {
        ScratchMemory.ReleaseIdle();
        ScratchMemory.ReleaseIdle();
        Assert.Equal(0, ScratchMemory.IdleBytes);

        ScratchMemory.Rent<byte>(8 << 20).Dispose();
        Assert.True(ScratchMemory.IdleBytes >= 8 << 20);

        // Used in this round: kept for the next block.
        ScratchMemory.ReleaseIdle();
        Assert.True(ScratchMemory.IdleBytes >= 8 << 20);

        // Not asked for during a whole round: given back.
        ScratchMemory.ReleaseIdle();
        Assert.Equal(0, ScratchMemory.IdleBytes);
    }

    [Fact]
    public void NewPagesFirstGiveBackIdleBuffersThatWouldLiftTheTotalAboveTheNeed()
    {
        ScratchMemory.ReleaseIdle();
        ScratchMemory.ReleaseIdle();

        // A table that doubles: each outgrown size is idle when the next is rented.
        for (int size = 1 << 20; size <= 32 << 20; size *= 2)
        {
            ScratchMemory.Rent<byte>(size).Dispose();
        }

        Assert.True(ScratchMemory.IdleBytes <= 34 << 20, $"{ScratchMemory.IdleBytes >> 20} MiB idle after a doubling sequence up to 32 MiB");
    }

    [Fact]
    public void ReturningTwiceIsRefused()
    {
        var buffer = ScratchMemory.Rent<long>(16);
        buffer.Dispose();
        Assert.Throws<InvalidOperationException>(buffer.Dispose);
    }
}
