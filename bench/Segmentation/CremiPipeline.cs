using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Luts;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tasks;

namespace Volara.Bench.Segmentation;

/// <summary>
/// The seed pipeline (extract_frags + aff_agglom + graph_mws + relabel, SQLite graph) configured like volara's CREMI
/// example, on a <see cref="CremiLikeVolume"/> (uint8, 9 offsets, voxel size 40×4×4 nm): blocks 32×160×160 voxels
/// (the CREMI affinities' chunk), ExtractFrags context 6×12×12 with the CREMI strides for the 9 offsets — (1,1,1)
/// direct, (1,3,3) mid range, (1,6,6) long range — <c>randomized_strides</c> on (each block draws from its fixed
/// per-block seed) and <c>remove_debris</c> 64; AffAgglom context 3×6×6 scoring z_aff (offset 0), xy_aff (offsets
/// 1–2) and lr_aff (the rest); GraphMWS weights xy (1, −0.4), z (1, −0.6), lr (1, −0.6).
/// </summary>
public static class CremiPipeline
{
    /// <summary>Block size in voxels: the CREMI affinities' chunk.</summary>
    public static Coordinate BlockSize { get; } = new(32, 160, 160);

    /// <summary>ExtractFrags' context in voxels (volara's CREMI example).</summary>
    public static Coordinate ExtractContext { get; } = new(6, 12, 12);

    /// <summary>AffAgglom's context in voxels (volara's CREMI example).</summary>
    public static Coordinate AgglomContext { get; } = new(3, 6, 6);

    /// <summary>CREMI's voxel size (nm).</summary>
    public static Coordinate VoxelSize { get; } = new(40, 4, 4);

    /// <summary>Writes the volume's affinities under <paramref name="container"/> and wires the four tasks.</summary>
    public static SegmentationPipeline Create(CremiLikeVolume volume, string container, int workers)
    {
        long[] shape = [.. volume.Shape.Select(s => (long)s)];
        int[] chunk = [.. BlockSize.ToLongArray().Select(v => (int)v)];
        var (_, affs) = SyntheticDataset.Write(container, volume.Truth, volume.Affinities, shape, CremiLikeVolume.Offsets, VoxelSize, chunk);
        var db = new SqliteGraphConfig
        {
            Path = Path.Combine(container, "db.sqlite"),
            EdgeAttrs = new Dictionary<string, string> { ["z_aff"] = "float", ["xy_aff"] = "float", ["lr_aff"] = "float" },
        };
        var execution = new ExecutionOptions { NumWorkers = workers };
        var fragments = new Labels { Store = Path.Combine(container, "fragments") };
        var lut = new Lut { Path = Path.Combine(container, "lut") };
        var offsets = CremiLikeVolume.Offsets;

        var extract = new ExtractFrags
        {
            Db = db,
            AffsData = affs,
            FragsData = fragments,
            BlockSize = BlockSize,
            Context = ExtractContext,
            Bias = CremiLikeVolume.Bias,
            Strides = CremiLikeVolume.Strides,
            RandomizedStrides = true,
            RemoveDebris = 64,
            Execution = execution,
        };
        var agglomerate = new AffAgglom
        {
            Db = db,
            FragsData = fragments,
            AffsData = affs,
            BlockSize = BlockSize,
            Context = AgglomContext,
            Scores = new Dictionary<string, IReadOnlyList<Coordinate>>
            {
                ["z_aff"] = [offsets[0]],
                ["xy_aff"] = [offsets[1], offsets[2]],
                ["lr_aff"] = [.. offsets.Skip(3)],
            },
            Execution = execution,
        };
        var global = new GraphMws
        {
            Db = db,
            Lut = lut,
            Weights = new Dictionary<string, EdgeWeight> { ["xy_aff"] = (1.0, -0.4), ["z_aff"] = (1.0, -0.6), ["lr_aff"] = (1.0, -0.6) },
            Roi = affs.Array().Roi,
        };
        var relabel = new Relabel
        {
            FragsData = fragments,
            SegData = new Labels { Store = Path.Combine(container, "segments") },
            Lut = lut,
            BlockSize = BlockSize,
            Execution = execution,
        };
        return new SegmentationPipeline(extract, agglomerate, global, relabel);
    }
}
