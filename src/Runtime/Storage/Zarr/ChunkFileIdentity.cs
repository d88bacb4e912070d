using System.Runtime.InteropServices;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// Which version of a chunk file is on disk: inode, size and change times. Chunks are replaced by renaming a new file
/// over the old one, so every write gives the file a new inode and new times; a decoded chunk kept under the identity
/// it was read with is still what the file holds while the identity is unchanged.
/// </summary>
internal readonly partial record struct ChunkFileIdentity(ulong Inode, ulong Size, long ModifiedSeconds, uint ModifiedNanoseconds, long ChangedSeconds, uint ChangedNanoseconds)
{
    private const int CurrentDirectory = -100;
    private const uint BasicStats = 0x7ff;

    // Offsets in the kernel's struct statx, the same on every architecture (unlike struct stat).
    private const int InodeOffset = 32;
    private const int SizeOffset = 40;
    private const int ChangedOffset = 96;
    private const int ModifiedOffset = 112;
    private const int StatxBytes = 256;

    /// <summary>
    /// Whether identities can be read here: Linux with a C library that has <c>statx</c> (glibc 2.28 and later); elsewhere
    /// decoded chunks are not kept.
    /// </summary>
    public static bool Supported { get; } = Probe();

    /// <summary>The identity of <paramref name="file"/>; null when it does not exist or cannot be examined.</summary>
    public static ChunkFileIdentity? Of(string file) => Supported ? Read(file) : null;

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Read("/") is not null;
        }
        catch (Exception error) when (error is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    private static unsafe ChunkFileIdentity? Read(string file)
    {
        byte* buffer = stackalloc byte[StatxBytes];
        if (Statx(CurrentDirectory, file, 0, BasicStats, buffer) != 0)
        {
            return null;
        }

        return new ChunkFileIdentity(
            *(ulong*)(buffer + InodeOffset),
            *(ulong*)(buffer + SizeOffset),
            *(long*)(buffer + ModifiedOffset),
            *(uint*)(buffer + ModifiedOffset + 8),
            *(long*)(buffer + ChangedOffset),
            *(uint*)(buffer + ChangedOffset + 8));
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* result);
}
