using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// A Zarr v2 or v3 array on the local file system. Regions are in voxels, C order, with elements in
/// machine byte order. Reads and writes run in parallel over the touched chunks (or shards); each
/// chunk or shard file is replaced atomically.
/// </summary>
public sealed partial class ZarrArray
{
    private readonly ArrayMetadata _metadata;
    private readonly bool _writable;

    private ZarrArray(string path, ArrayMetadata metadata, bool writable)
    {
        Path = path;
        _metadata = metadata;
        _writable = writable;
    }

    public string Path { get; }

    public int ZarrFormat => _metadata.ZarrFormat;

    public IReadOnlyList<long> Shape => _metadata.Shape;

    /// <summary>The read granularity: the inner chunk shape when sharded.</summary>
    public IReadOnlyList<int> ChunkShape => _metadata.ChunkShape;

    public IReadOnlyList<int>? ShardShape => _metadata.Sharding?.ShardShape;

    /// <summary>
    /// Bytes of one decoded chunk as <see cref="DecodedChunkCache"/> keeps it; 0 for sharded arrays, whose inner chunks
    /// are read straight from the shard.
    /// </summary>
    public long KeptChunkBytes => _metadata.Sharding is null ? _metadata.Pipeline.ChunkBytes : 0;

    /// <summary>The element type; <see cref="DataType.BigEndian"/> tells how elements are stored, in memory they are machine order.</summary>
    public DataType DataType => _metadata.DataType;

    /// <summary>One element, machine byte order.</summary>
    public ReadOnlyMemory<byte> FillValue => _metadata.FillBytes;

    /// <summary>The fill value as written in the metadata.</summary>
    public JsonNode? FillValueJson => _metadata.FillJson?.DeepClone();

    /// <summary>'C' or 'F': v2 <c>order</c>; v3 'F' when a transpose codec reverses the axes.</summary>
    public char Order => _metadata.Order;

    /// <summary>v2: filters then compressor; v3: the <c>codecs</c> list.</summary>
    public IReadOnlyList<JsonObject> CodecConfigs => _metadata.CodecConfigs.Select(c => c.DeepClone().AsObject()).ToArray();

    public IReadOnlyList<string?>? DimensionNames => _metadata.DimensionNames;

    /// <summary>A fresh copy of the stored user attributes.</summary>
    public JsonObject Attributes => NodeAttributes.Read(Path, ZarrFormat, Path);

    public bool IsWritable => _writable;

    public static ZarrArray Open(string path, bool writable = false)
    {
        string full = NodeLocator.FullPath(path);
        string v2 = System.IO.Path.Combine(full, V2ArrayFormat.FileName);
        if (File.Exists(v2))
        {
            return new ZarrArray(full, V2ArrayFormat.Parse(MetadataReader.ParseDocument(full, v2), full), writable);
        }

        string v3 = System.IO.Path.Combine(full, V3ArrayFormat.FileName);
        if (File.Exists(v3))
        {
            return new ZarrArray(full, V3ArrayFormat.Parse(MetadataReader.ParseDocument(full, v3), full), writable);
        }

        if (File.Exists(System.IO.Path.Combine(full, ".zgroup")))
        {
            throw new ArrayNotFoundException("is a group, not an array", full);
        }

        throw new ArrayNotFoundException(Directory.Exists(full) ? "no .zarray or zarr.json found" : "path does not exist", full);
    }

    public static bool Exists(string path) =>
        NodeLocator.Probe(NodeLocator.FullPath(path)) is { Kind: ZarrNodeKind.Array };

    /// <summary>
    /// Creates an array. Ancestors get group metadata of the same format, walking upwards: directories
    /// created now become groups; the walk stops at the first existing group, at an existing plain
    /// directory (outside the hierarchy), or at a directory named <c>*.zarr</c> (the container root, made a
    /// group). An existing node at the path is an error unless <paramref name="overwrite"/>, which replaces
    /// it; a non-empty directory that is not a Zarr node is never deleted. The array appears complete or not at
    /// all (<see cref="NodeStaging"/>): a killed creation leaves nothing a rerun trips over, and what an interrupted
    /// creation by an earlier version left (attributes without metadata) is replaced.
    /// </summary>
    public static ZarrArray Create(string path, ZarrArrayOptions options, bool overwrite = false)
    {
        using var replacement = CreateReplacement(path, options, overwrite);
        return replacement.Commit();
    }

    /// <summary>
    /// Creates an array beside <paramref name="path"/> that takes its place only at
    /// <see cref="ZarrArrayReplacement.Commit"/>: fill it first, and an existing array at the path stays whole until
    /// then (and for good when the replacement is disposed without a commit). Checks as <see cref="Create"/> does.
    /// </summary>
    public static ZarrArrayReplacement CreateReplacement(string path, ZarrArrayOptions options, bool overwrite = false)
    {
        string full = NodeLocator.FullPath(path);
        ArrayOptionsValidator.Validate(options, full);
        var doc = options.ZarrFormat == 2 ? V2ArrayFormat.Build(options, full) : V3ArrayFormat.Build(options, full);
        var metadata = options.ZarrFormat == 2 ? V2ArrayFormat.Parse(doc, full) : V3ArrayFormat.Parse(doc, full);
        if (NodeLocator.Probe(full) is not null)
        {
            if (!overwrite)
            {
                throw new ZarrException("already exists (pass overwrite to replace it)", full);
            }
        }
        else if (NodeStaging.IsLeftover(full))
        {
            NodeLocator.Remove(full);
        }
        else if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            // Overwrite only ever deletes Zarr nodes, never an ordinary directory that happens to be in the way.
            throw new ZarrException("is a non-empty directory that is not a Zarr node; refusing to create an array there", full);
        }

        string? staging = null;
        try
        {
            NodeLocator.CreateAncestorGroups(full, options.ZarrFormat);
            staging = NodeStaging.Begin(full);
            if (options.ZarrFormat == 2)
            {
                if (options.Attributes is { } attributes)
                {
                    ChunkFiles.WriteAtomic(System.IO.Path.Combine(staging, ".zattrs"), NodeAttributes.Serialize(attributes));
                }

                ChunkFiles.WriteAtomic(System.IO.Path.Combine(staging, V2ArrayFormat.FileName), NodeAttributes.Serialize(doc));
            }
            else
            {
                ChunkFiles.WriteAtomic(System.IO.Path.Combine(staging, V3ArrayFormat.FileName), NodeAttributes.Serialize(doc));
            }
        }
        catch (Exception e)
        {
            if (staging is not null)
            {
                NodeStaging.Abandon(staging);
            }

            if (e is IOException or UnauthorizedAccessException)
            {
                throw new ZarrException($"cannot be created: {NodeStaging.Reason(e)}", full, inner: e);
            }

            throw;
        }

        return new ZarrArrayReplacement(new ZarrArray(staging, metadata, writable: true), () =>
        {
            NodeStaging.Commit(staging, full);
            return new ZarrArray(full, metadata, writable: true);
        });
    }

    /// <summary>Replaces all user attributes atomically.</summary>
    public void SetAttributes(JsonObject attributes)
    {
        RequireWritable();
        NodeAttributes.Replace(Path, ZarrFormat, Path, attributes);
    }

    /// <summary>Sets the given keys, keeping the others, atomically.</summary>
    public void UpdateAttributes(JsonObject attributes)
    {
        RequireWritable();
        NodeAttributes.Merge(Path, ZarrFormat, Path, attributes);
    }

    public void Read<T>(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, Span<T> destination) where T : unmanaged
    {
        RequireType<T>();
        Read(start, shape, MemoryMarshal.AsBytes(destination));
    }

    public void Write<T>(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, ReadOnlySpan<T> source) where T : unmanaged
    {
        RequireWritable();
        RequireType<T>();
        Write(start, shape, MemoryMarshal.AsBytes(source));
    }

    /// <summary>Grid indices of the chunks (shards when sharded) present on disk, in C order.</summary>
    public IEnumerable<long[]> ExistingChunks()
    {
        var found = new List<long[]>();
        if (!Directory.Exists(Path))
        {
            return found;
        }

        int n = Shape.Count;
        var grid = GridShape();
        foreach (string file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
        {
            string name = System.IO.Path.GetFileName(file);
            if (ChunkFiles.IsTemporary(name) || name is ".zarray" or ".zattrs" or ".zgroup" or "zarr.json")
            {
                continue;
            }

            string key = System.IO.Path.GetRelativePath(Path, file).Replace(System.IO.Path.DirectorySeparatorChar, '/');
            if (_metadata.KeyEncoding.TryParse(key, n, out var index) && InGrid(index, grid))
            {
                found.Add(index);
            }
        }

        found.Sort(CompareIndices);
        return found;
    }

    public override string ToString() => $"ZarrArray(v{ZarrFormat}, {Path}, shape [{string.Join(", ", Shape)}], {DataType})";

    private long[] GridShape()
    {
        var stored = _metadata.StoredShape;
        var grid = new long[stored.Length];
        for (int d = 0; d < grid.Length; d++)
        {
            grid[d] = (_metadata.Shape[d] + stored[d] - 1) / stored[d];
        }

        return grid;
    }

    private static bool InGrid(long[] index, long[] grid)
    {
        for (int d = 0; d < index.Length; d++)
        {
            if (index[d] >= grid[d])
            {
                return false;
            }
        }

        return true;
    }

    private static int CompareIndices(long[] a, long[] b)
    {
        for (int d = 0; d < a.Length; d++)
        {
            int c = a[d].CompareTo(b[d]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private void RequireWritable()
    {
        if (!_writable)
        {
            throw new ReadOnlyArrayException("opened read-only; open with writable: true to modify it", Path);
        }
    }

    private void RequireType<T>() where T : unmanaged
    {
        if (DataType.Of<T>().Kind != DataType.Kind)
        {
            throw new DataTypeMismatchException($"element type {typeof(T).Name} does not match the array's data type {DataType}", Path);
        }
    }

    private string ChunkFile(string key) =>
        System.IO.Path.Combine(Path, key.Replace('/', System.IO.Path.DirectorySeparatorChar));
}
