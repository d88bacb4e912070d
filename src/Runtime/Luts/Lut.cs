using System.IO.Compression;
using System.Text.Json.Serialization;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Luts;

/// <summary>
/// volara's <c>LUT</c> configuration: where a fragment → segment look-up table lives. The file is a NumPy
/// <c>.npz</c> archive holding <c>fragment_segment_lut.npy</c>, a 2×N uint64 array that <c>numpy.load</c> reads;
/// <c>.npz</c> is appended to a path that lacks it.
/// </summary>
[Volara.Runtime.Serialization.JsonContract]
public sealed partial record Lut : Volara.Runtime.Storage.IStoredResult
{
    internal const string ArrayName = "fragment_segment_lut";

    /// <summary>The file, with or without the <c>.npz</c> suffix.</summary>
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    /// <summary>The file actually read and written (<see cref="Path"/> with <c>.npz</c>).</summary>
    [JsonIgnore]
    public string File => Path.EndsWith(".npz", StringComparison.Ordinal) ? Path : Path + ".npz";

    /// <summary>The file name without its suffix (volara's <c>name</c>, used in task names).</summary>
    [JsonIgnore]
    public string Name => System.IO.Path.GetFileNameWithoutExtension(File);

    public bool Exists() => System.IO.File.Exists(File);

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Location => File;

    /// <summary>Reads the table, or returns null when the file does not exist (as volara's <c>load</c>).</summary>
    public FragmentSegmentLut? Load()
    {
        if (!Exists())
        {
            return null;
        }

        try
        {
            using var archive = ZipFile.OpenRead(File);
            var entry = archive.GetEntry(ArrayName + ".npy")
                ?? throw new LutFormatException($"look-up table '{File}' has no '{ArrayName}' array (entries: {string.Join(", ", archive.Entries.Select(e => e.FullName))})");
            using var stream = entry.Open();
            return NpyLutCodec.Read(stream, File);
        }
        catch (InvalidDataException exception)
        {
            throw new LutFormatException($"look-up table '{File}' is not a readable .npz archive: {exception.Message}");
        }
    }

    /// <summary>
    /// Writes the table (replacing any previous one) through a temporary file and a rename, so a killed
    /// process leaves either the old table or the new one.
    /// </summary>
    /// <summary>Midnight of 1980-01-01 on this machine's clock: zip stores local times, so this is the same bytes in every time zone.</summary>
    private static readonly DateTimeOffset ReproducibleTime = new(new DateTime(1980, 1, 1), TimeZoneInfo.Local.GetUtcOffset(new DateTime(1980, 1, 1)));

    public void Save(FragmentSegmentLut lut)
    {
        ArgumentNullException.ThrowIfNull(lut);
        string file = System.IO.Path.GetFullPath(File);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        AtomicFile.Write(file, stream =>
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Create);
            var entry = archive.CreateEntry(ArrayName + ".npy", CompressionLevel.Fastest);
            // A fixed time (the zip format's first day) so that identical tables give byte-identical files.
            entry.LastWriteTime = ReproducibleTime;
            using var entryStream = entry.Open();
            NpyLutCodec.Write(entryStream, lut);
        });
    }

    /// <summary>Deletes the file if present.</summary>
    public void Drop() => System.IO.File.Delete(File);

    public override string ToString() => File;
}
