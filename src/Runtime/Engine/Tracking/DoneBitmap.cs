using System.Numerics;
using System.Runtime.InteropServices;

namespace Volara.Runtime.Engine.Tracking;

/// <summary>
/// The file format of a done-store: one bit per block (dense block index), least significant bit first in
/// little-endian 64-bit words, so the file is a whole number of words and a billion blocks take 125 MB. Readers
/// here open the file shared, so status and overviews work while a run is marking blocks.
/// </summary>
public static class DoneBitmap
{
    public static long ByteLength(long blockCount) => (blockCount + 63) / 64 * 8;

    public static bool IsDone(ReadOnlySpan<byte> bitmap, long blockIndex) =>
        ((bitmap[(int)(blockIndex >> 3)] >> (int)(blockIndex & 7)) & 1) != 0;

    /// <summary>Number of blocks marked done in the file.</summary>
    public static long CountDone(string path)
    {
        using var stream = OpenShared(path);
        var buffer = new byte[1 << 16];
        long done = 0;
        int read;
        while ((read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
        {
            // The file is whole words, so a short read only happens at its end.
            foreach (ulong word in MemoryMarshal.Cast<byte, ulong>(buffer.AsSpan(0, read & ~7)))
            {
                done += BitOperations.PopCount(word);
            }
        }

        return done;
    }

    /// <summary>The whole bitmap of <paramref name="blockCount"/> blocks (zero where the file is shorter).</summary>
    public static byte[] Read(string path, long blockCount)
    {
        var bitmap = new byte[ByteLength(blockCount)];
        using var stream = OpenShared(path);
        stream.ReadAtLeast(bitmap, bitmap.Length, throwOnEndOfStream: false);
        return bitmap;
    }

    private static FileStream OpenShared(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
}
