using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// File access for chunks, shards and metadata: pooled whole-file reads, ranged reads, and atomic
/// replacement (write a temporary file in the same directory, then rename over the target) so a killed
/// process never leaves a torn file. Also the in-process striped locks that serialise
/// read-modify-write of one file.
/// </summary>
internal static class ChunkFiles
{
    private const int StripeCount = 512;
    private static readonly object[] Stripes = CreateStripes();

    /// <summary>The lock serialising read-modify-write of <paramref name="file"/> within this process.</summary>
    public static object LockFor(string file) => Stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(file) % StripeCount)];

    /// <summary>Reads the whole file into a pooled buffer; false when it does not exist.</summary>
    public static bool TryRead(string file, out RentedBuffer data)
    {
        try
        {
            using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            long length = RandomAccess.GetLength(handle);
            if (length > Array.MaxLength)
            {
                throw new IOException($"{file} is too large ({length} bytes) to be one chunk");
            }

            data = RentedBuffer.Rent((int)length);
            ReadExactly(handle, data.Span, 0);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            data = default;
            return false;
        }
    }

    public static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> target, long offset)
    {
        while (target.Length > 0)
        {
            int n = RandomAccess.Read(handle, target, offset);
            if (n <= 0)
            {
                throw new EndOfStreamException("file ended early");
            }

            target = target[n..];
            offset += n;
        }
    }

    /// <summary>Replaces <paramref name="file"/> atomically with <paramref name="data"/>, creating directories as needed.</summary>
    public static void WriteAtomic(string file, ReadOnlySpan<byte> data)
    {
        string directory = Path.GetDirectoryName(file)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.partial");
        try
        {
            // No preallocation: the data goes in one write, and allocating its blocks up front is file-system work
            // the delayed allocation would have merged with other chunks'.
            using (var handle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None))
            {
                RandomAccess.Write(handle, data, 0);
            }

            File.Move(temporary, file, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public static void WriteAtomic(string file, string text) => WriteAtomic(file, System.Text.Encoding.UTF8.GetBytes(text));

    public static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>True for files this library writes transiently (never chunk keys).</summary>
    public static bool IsTemporary(string name) => name.StartsWith('.') && name.EndsWith(".partial", StringComparison.Ordinal);

    private static object[] CreateStripes()
    {
        var stripes = new object[StripeCount];
        for (int i = 0; i < stripes.Length; i++)
        {
            stripes[i] = new object();
        }

        return stripes;
    }
}
