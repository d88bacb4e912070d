using System.Text.Json.Nodes;
using Volara.Cli.Tests.Support;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tasks;

namespace Volara.Cli.Tests.Pipelines;

/// <summary>
/// The shipped <c>examples/segmentation.yaml</c>, unchanged, run where volara finds the quickstart's affinities at
/// the file's relative paths: a small synthetic volume whose extent (18×48×48 voxels of 40 nm) is the file's
/// graph ROI, so the file and <see cref="SegmentationPipeline.Readme"/> describe the same job.
/// </summary>
public sealed class ShippedSegmentationPipelineTests
{
    private const string FileName = "examples/segmentation.yaml";
    private static readonly string[] TaskNames = ["fragments-extract-frags", "db-aff-agglom", "lut-graph-mws", "segments-relabel"];

    [Fact]
    public void TheShippedFileSegmentsLikeTheCSharpReadmePipeline()
    {
        using var temp = new TempDirectory();
        var affs = WriteQuickstartInput(temp.Path);
        var csharp = SegmentationPipeline.Readme(
            affs, new SqliteGraphConfig { Path = temp.Combine("csharp", "db.sqlite") }, temp.Combine("csharp"));
        var expected = Runner.Run(csharp.Pipeline, new RunOptions
        {
            Mode = ExecutionMode.Threads, LogDirectory = temp.Combine("csharp-logs"), ShowProgress = false, PrintSummary = false,
        });
        Assert.True(expected.Succeeded, expected.Summary);

        var run = VolaraProcess.RunIn(temp.Path, "run", FileName, "--mode", "threads");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain("error", run.Stderr, StringComparison.OrdinalIgnoreCase);
        string outputs = temp.Combine("quickstart-output", "example.zarr");
        var fragments = ReadLabels(Path.Combine(outputs, "fragments"));
        var segments = ReadLabels(Path.Combine(outputs, "segments"));
        Assert.Equal(ReadLabels(temp.Combine("csharp", "fragments")), fragments);
        Assert.Equal(ReadLabels(temp.Combine("csharp", "segments")), segments);
        AssertSameFiles(temp.Combine("csharp", "fragments"), Path.Combine(outputs, "fragments"));
        AssertSameFiles(temp.Combine("csharp", "segments"), Path.Combine(outputs, "segments"));

        var expectedLut = csharp.GraphMws.Lut.Load()!;
        var lut = new Runtime.Luts.Lut { Path = Path.Combine(outputs, "lut") }.Load()!;
        // Every fragment the file's run found is in its table, and the segments are what the table maps them to.
        Assert.Equal(fragments.Where(id => id != 0).Distinct().Order(), lut.Fragments.Order());
        Assert.True(segments.Distinct().Count() > 1, "the whole volume became one segment");
        Assert.Equal(expectedLut.Fragments, lut.Fragments);
        Assert.Equal(expectedLut.Segments, lut.Segments);
    }

    [Fact]
    public void PlanAndStatusDescribeTheShippedFileAndStatusFollowsItsRun()
    {
        using var temp = new TempDirectory();
        WriteQuickstartInput(temp.Path);

        var plan = VolaraProcess.RunIn(temp.Path, "plan", FileName, "--json");
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        var planned = JsonNode.Parse(plan.Stdout)!["tasks"]!.AsArray();
        Assert.Equal(TaskNames, planned.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal([TaskNames[2]], planned[3]!["upstream"]!.AsArray().Select(v => v!.GetValue<string>()));

        // graph-mws reads no array, so it has no voxel size: its one block, the whole region, in world units (18×48×48
        // voxels of 40 nm), and one worker, whatever num_workers says.
        Assert.Null(planned[2]!["block_write_voxels"]);
        Assert.Equal([720L, 1920, 1920], planned[2]!["block_world"]!.AsArray().Select(v => v!.GetValue<long>()));
        Assert.Equal(1, planned[2]!["workers"]!.GetValue<int>());
        File.WriteAllText(
            temp.Combine("examples", "four-workers.yaml"),
            File.ReadAllText(temp.Combine(FileName)).Replace("execution: {num_workers: 1}", "execution: {num_workers: 4}", StringComparison.Ordinal));
        var fourWorkers = VolaraProcess.RunIn(temp.Path, "plan", "examples/four-workers.yaml");
        Assert.True(fourWorkers.ExitCode == 0, fourWorkers.Stderr);
        Assert.Matches(@"\nlut-graph-mws +graph-mws +1 +720×1920×1920 \(world units\) .* 1\n", fourWorkers.Stdout);
        Assert.Matches(@"\ndb-aff-agglom +aff-agglom +\? .* 4\n", fourWorkers.Stdout);

        // A worker's memory counts its decoded-chunk cache where a task asks for one (chunk_cache_mb): the affinities'
        // 2×2×2 chunks of 9×9×24×24 bytes, which a read region of 75×200×200 voxels can all touch, twice (what is kept,
        // and what was let go awaiting collection).
        File.WriteAllText(
            temp.Combine("examples", "cache.yaml"),
            File.ReadAllText(temp.Combine(FileName)).Replace("execution: {num_workers: 1}", "execution: {num_workers: 1, chunk_cache_mb: 64}", StringComparison.Ordinal));
        var withCache = VolaraProcess.RunIn(temp.Path, "plan", "examples/cache.yaml", "--json");
        Assert.True(withCache.ExitCode == 0, withCache.Stderr);
        long Memory(JsonNode tasks) => tasks["tasks"]![0]!["memory_per_worker_bytes"]!.GetValue<long>();
        Assert.Equal(2L * 8 * 9 * 9 * 24 * 24, Memory(JsonNode.Parse(withCache.Stdout)!) - Memory(JsonNode.Parse(plan.Stdout)!));

        var before = VolaraProcess.RunIn(temp.Path, "status", FileName, "--json");
        Assert.True(before.ExitCode == 0, before.Stderr);
        Assert.All(JsonNode.Parse(before.Stdout)!["tasks"]!.AsArray(), task => Assert.Equal(0, task!["done"]!.GetValue<long>()));
        Assert.False(Directory.Exists(temp.Combine("quickstart-output", "example.zarr")), "plan or status wrote outputs");

        var run = VolaraProcess.RunIn(temp.Path, "run", FileName, "--mode", "serial", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain("error", run.Stderr, StringComparison.OrdinalIgnoreCase);

        var after = VolaraProcess.RunIn(temp.Path, "status", FileName, "--json");
        Assert.True(after.ExitCode == 0, after.Stderr);
        var tasks = JsonNode.Parse(after.Stdout)!["tasks"]!.AsArray();
        Assert.Equal(TaskNames, tasks.Select(t => t!["name"]!.GetValue<string>()));
        Assert.All(tasks, task =>
        {
            Assert.Equal("done", task!["state"]!.GetValue<string>());
            Assert.Equal(task["total"]!.GetValue<long>(), task["done"]!.GetValue<long>());
        });
    }

    [Theory]
    [InlineData("db.sqlite", "task 'fragments-extract-frags' has 1 block done, but its output db '../quickstart-output/example.zarr/db.sqlite' is gone")]
    [InlineData("lut.npz", "task 'lut-graph-mws' has 1 block done, but its output lut '../quickstart-output/example.zarr/lut.npz' is gone")]
    public void ADeletedGraphDatabaseOrTableUnderDoneBlocksIsRefusedInsteadOfSkipped(string deleted, string message)
    {
        using var temp = new TempDirectory();
        WriteQuickstartInput(temp.Path);
        Assert.Equal(0, VolaraProcess.RunIn(temp.Path, "run", FileName, "--mode", "serial").ExitCode);
        File.Delete(temp.Combine("quickstart-output", "example.zarr", deleted));

        var rerun = VolaraProcess.RunIn(temp.Path, "run", FileName, "--mode", "serial");

        Assert.Equal(2, rerun.ExitCode);
        Assert.True(rerun.Stderr.Contains(message, StringComparison.Ordinal), rerun.Stderr);
        Assert.False(File.Exists(temp.Combine("quickstart-output", "example.zarr", deleted)), "the refused run recreated it");
        // One drop is enough: dropping the first stale task drops the stale tasks after it.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(rerun.Stderr, "volara drop "));
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("run")]
    public void ABiasNotOnePerStoredOffsetIsAnErrorAtItsLineBeforeAnythingIsCreated(string command)
    {
        // The shipped file takes the neighbourhood from the affinities' attributes (nine offsets); give three biases.
        using var temp = new TempDirectory();
        WriteQuickstartInput(temp.Path);
        string file = Path.Combine(temp.Path, FileName);
        var lines = File.ReadAllLines(file);
        int line = Array.FindIndex(lines, l => l.TrimStart().StartsWith("bias:", StringComparison.Ordinal));
        lines[line] = lines[line][..lines[line].IndexOf('[')] + "[-0.4, -0.4, -0.4]";
        File.WriteAllLines(file, lines);

        var result = VolaraProcess.RunIn(temp.Path, command, FileName);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            $"{FileName}:{line + 1}:", result.Stderr);
        Assert.Contains("/tasks/extract_frags/bias: task 'extract_frags': bias has 3 values, but it needs one per offset of the neighborhood of affs_data", result.Stderr);
        Assert.Contains("which has 9", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
        Assert.False(Directory.Exists(temp.Combine("quickstart-output", "example.zarr")), $"{command} created outputs");
    }

    /// <summary>
    /// The shipped file under <c>examples/</c> and the quickstart's affinities (README neighbourhood, noisy Voronoi
    /// cells) under <c>quickstart-output/segmentation.zarr/affs</c>, both below <paramref name="root"/>.
    /// </summary>
    internal static Affs WriteQuickstartInput(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "examples"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "examples", "segmentation.yaml"), Path.Combine(root, "examples", "segmentation.yaml"));

        long[] shape = [18, 48, 48];
        var truth = VoronoiLabels.Create(shape, [6, 12, 12], seed: 3);
        var neighborhood = SegmentationPipeline.ReadmeNeighborhood;
        var affinities = SyntheticAffinities.Noisy(truth, neighborhood, boundaryWidth: 0.05, boundaryDrop: 0.2, noise: 0.08, seed: 3);
        var (_, affs) = SyntheticDataset.Write(
            Path.Combine(root, "quickstart-output", "segmentation.zarr"), truth.Labels, affinities, shape, neighborhood, new Coordinate(40, 40, 40), [9, 24, 24]);
        return affs;
    }

    /// <summary>
    /// The stored arrays themselves, chunk files and metadata, are byte-identical; of the attributes, all but the
    /// provenance, whose configuration fingerprint covers the store paths, which differ between the two runs.
    /// </summary>
    private static void AssertSameFiles(string expected, string actual)
    {
        string[] Files(string root) => [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];
        var names = Files(expected);
        Assert.NotEmpty(names);
        Assert.Equal(names, Files(actual));
        foreach (string name in names)
        {
            if (Path.GetFileName(name) == ".zattrs")
            {
                Assert.True(JsonNode.DeepEquals(WithoutProvenance(Path.Combine(expected, name)), WithoutProvenance(Path.Combine(actual, name))), $"{name} differs");
                continue;
            }

            Assert.True(File.ReadAllBytes(Path.Combine(expected, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name))), $"{name} differs");
        }

        static JsonNode WithoutProvenance(string file)
        {
            var attributes = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            Assert.True(attributes.Remove(Runtime.Engine.Tracking.OutputProvenance.Key), $"{file} says nothing of what produced it");
            return attributes;
        }
    }

    private static ulong[] ReadLabels(string path)
    {
        var array = ZarrArray.Open(path);
        var data = new ulong[array.Shape.Aggregate(1L, (a, b) => a * b)];
        array.Read<ulong>(new long[array.Shape.Count], [.. array.Shape], data);
        return data;
    }
}
