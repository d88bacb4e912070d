using Volara.Runtime.Segmentation;
using Xunit;

namespace Volara.Runtime.Tests.Segmentation;

public sealed class MutexPairSetTests
{
    [Fact]
    public void KeysOfMergedAwayRootsMakeRoomInsteadOfGrowingTheSet()
    {
        var parent = Enumerable.Repeat(-1, 10_000).ToArray();
        using var set = new MutexPairSet(1000);
        int capacity = set.Capacity;
        for (int i = 0; i < 1000; i++)
        {
            Assert.True(set.Add(MutexPairSet.Key(i, i + 1000), parent));
        }

        // Nodes 0..1999 are merged into 9999: every key so far is stale.
        for (int i = 0; i < 2000; i++)
        {
            parent[i] = 9999;
        }

        for (int i = 3000; i < 3000 + (capacity / 2); i++)
        {
            Assert.True(set.Add(MutexPairSet.Key(i, i + 3000), parent));
        }

        Assert.Equal(capacity, set.Capacity);
        for (int i = 3000; i < 3000 + (capacity / 2); i++)
        {
            Assert.True(set.Contains(MutexPairSet.Key(i + 3000, i)));
        }
    }

    [Fact]
    public void LiveKeysAreAllKeptWhenTheSetGrows()
    {
        var parent = Enumerable.Repeat(-1, 10_000).ToArray();
        using var set = new MutexPairSet(16);
        for (int i = 0; i < 4000; i++)
        {
            Assert.True(set.Add(MutexPairSet.Key(i, i + 4000), parent));
        }

        Assert.True(set.Capacity >= 8000);
        for (int i = 0; i < 4000; i++)
        {
            Assert.True(set.Contains(MutexPairSet.Key(i + 4000, i)));
            Assert.False(set.Add(MutexPairSet.Key(i, i + 4000), parent));
        }

        Assert.False(set.Contains(MutexPairSet.Key(1, 2)));
    }
}
