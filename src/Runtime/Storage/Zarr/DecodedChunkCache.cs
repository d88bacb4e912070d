namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// The decoded chunks a process read last, bounded in bytes, least recently used out first. A block's context reaches
/// into its neighbours' chunks: without it, a read region of 3×3×3 chunks decodes 27 whole chunks to use a thin shell
/// of 26 of them, and the next block along x decodes 18 of the same chunks again.
/// </summary>
/// <remarks>
/// <para>
/// An entry is valid only while its chunk file has the identity (inode, size, change times) it had when read
/// (<see cref="ChunkFileIdentity"/>): every chunk write replaces the file, so a chunk rewritten by this or another
/// process is decoded again, never served stale. Without a way to read identities (not Linux) nothing is kept.
/// </para>
/// <para>
/// Entries are immutable arrays on the pinned heap (a full collection between blocks moves nothing); an evicted
/// one is left to the collector, so a reader still copying from it is unaffected.
/// </para>
/// </remarks>
public static class DecodedChunkCache
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, LinkedListNode<Entry>> Entries = new(StringComparer.Ordinal);
    private static readonly LinkedList<Entry> Recency = new();
    private static long _capacity;
    private static long _held;
    private static long _hits;
    private static long _misses;

    /// <summary>Decoded bytes kept now.</summary>
    public static long HeldBytes
    {
        get
        {
            lock (Gate)
            {
                return _held;
            }
        }
    }

    /// <summary>Chunk reads served from the cache, and those that had to decode, since the process started.</summary>
    public static (long Hits, long Misses) Counts
    {
        get
        {
            lock (Gate)
            {
                return (_hits, _misses);
            }
        }
    }

    /// <summary>Raises the capacity to at least <paramref name="bytes"/> (tasks sharing a process get the largest they ask for).</summary>
    public static void EnsureCapacity(long bytes)
    {
        lock (Gate)
        {
            Volatile.Write(ref _capacity, Math.Max(_capacity, bytes));
        }
    }

    /// <summary>Sets the capacity, dropping least recently used chunks beyond it (0 turns the cache off).</summary>
    public static void SetCapacity(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        lock (Gate)
        {
            Volatile.Write(ref _capacity, bytes);
            Trim(0);
        }
    }

    /// <summary>Drops every kept chunk.</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            Entries.Clear();
            Recency.Clear();
            _held = 0;
        }
    }

    /// <summary>Whether chunks of <paramref name="bytes"/> can be kept at all.</summary>
    /// <remarks>Asked for every chunk a read touches, on all cores at once: it reads the capacity without the lock.</remarks>
    internal static bool Keeps(long bytes) => ChunkFileIdentity.Supported && bytes <= Volatile.Read(ref _capacity);

    /// <summary>The decoded chunk kept for <paramref name="file"/> if the file is still the one it was decoded from.</summary>
    internal static byte[]? TryGet(string file, ChunkFileIdentity identity)
    {
        lock (Gate)
        {
            if (Entries.TryGetValue(file, out var node))
            {
                if (node.Value.Identity == identity)
                {
                    Recency.Remove(node);
                    Recency.AddFirst(node);
                    _hits++;
                    return node.Value.Chunk;
                }

                Remove(node);
            }

            _misses++;
            return null;
        }
    }

    /// <summary>Keeps <paramref name="chunk"/> (never modified afterwards) as the decoded content of <paramref name="file"/> at <paramref name="identity"/>.</summary>
    internal static void Add(string file, ChunkFileIdentity identity, byte[] chunk)
    {
        lock (Gate)
        {
            if (chunk.Length > _capacity)
            {
                return;
            }

            if (Entries.TryGetValue(file, out var existing))
            {
                Remove(existing);
            }

            Trim(chunk.Length);
            Entries[file] = Recency.AddFirst(new Entry(file, identity, chunk));
            _held += chunk.Length;
        }
    }

    /// <summary>A pinned array for a decoded chunk that is to be kept.</summary>
    internal static byte[] NewChunk(int bytes) => GC.AllocateUninitializedArray<byte>(bytes, pinned: true);

    private static void Trim(long incoming)
    {
        while (_held + incoming > _capacity && Recency.Last is { } oldest)
        {
            Remove(oldest);
        }
    }

    private static void Remove(LinkedListNode<Entry> node)
    {
        Recency.Remove(node);
        Entries.Remove(node.Value.File);
        _held -= node.Value.Chunk.Length;
    }

    private sealed record Entry(string File, ChunkFileIdentity Identity, byte[] Chunk);
}
