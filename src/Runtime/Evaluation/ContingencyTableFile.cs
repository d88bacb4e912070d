using System.Buffers.Binary;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Evaluation;

/// <summary>
/// A contingency table on disk (little-endian: magic <c>VCT1</c>, entry count, then per entry segment id,
/// ground-truth id and voxels as 64-bit values). Written to a temporary file and renamed into place, so a killed
/// writer never leaves a partial table under the final name.
/// </summary>
public static class ContingencyTableFile
{
    private const uint Magic = 0x31544356; // "VCT1"

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/>, replacing any earlier file atomically.</summary>
    public static void Write(ContingencyTable table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> header = stackalloc byte[12];
            BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
            BinaryPrimitives.WriteInt64LittleEndian(header[4..], table.PairCount);
            stream.Write(header);
            Span<byte> entry = stackalloc byte[24];
            foreach (var (segment, truth, voxels) in table.Entries)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(entry, segment);
                BinaryPrimitives.WriteUInt64LittleEndian(entry[8..], truth);
                BinaryPrimitives.WriteInt64LittleEndian(entry[16..], voxels);
                stream.Write(entry);
            }

            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>Adds the table stored at <paramref name="path"/> to <paramref name="into"/>.</summary>
    public static void ReadInto(string path, ContingencyTable into)
    {
        ArgumentNullException.ThrowIfNull(into);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> header = stackalloc byte[12];
        stream.ReadExactly(header);
        long count = BinaryPrimitives.ReadInt64LittleEndian(header[4..]);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic || count < 0 || stream.Length != 12 + (count * 24))
        {
            throw new InvalidDataException($"'{path}' is not a contingency table file (bad header or length)");
        }

        Span<byte> entry = stackalloc byte[24];
        for (long i = 0; i < count; i++)
        {
            stream.ReadExactly(entry);
            into.Add(BinaryPrimitives.ReadUInt64LittleEndian(entry), BinaryPrimitives.ReadUInt64LittleEndian(entry[8..]), BinaryPrimitives.ReadInt64LittleEndian(entry[16..]));
        }
    }
}
