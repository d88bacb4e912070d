using System.Numerics.Tensors;
using System.Text.Json;
using System.Text.Json.Serialization;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Grid;
using Volara.Runtime.Evaluation;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Tasks;

/// <summary>
/// Scores a segmentation against a ground truth blockwise: variation of information (split, merge; bits) and the
/// adapted Rand error (with its precision and recall), as scikit-image defines them, written to
/// <see cref="ResultsFile"/> as JSON (<see cref="EvaluationResults"/>).
/// </summary>
/// <remarks>
/// Each block counts its (segmentation, ground truth) voxel pairs into a contingency table and stores it under
/// <c>&lt;results_file&gt;.blocks/</c> (written atomically); the block that finds every block's table present merges
/// them and writes the results. Memory is one block plus the merged table (distinct label pairs), never the volume.
/// A killed worker loses only its unfinished block, which the rerun repeats; a rerun whose blocks are all done but
/// whose results are missing merges in <c>Init</c>. Voxels outside the segmentation's array read as 0.
/// </remarks>
[VolaraTask("evaluate")]
public sealed partial class Evaluate
{
    private readonly Lock gate = new();
    private ulong[]? expected;
    private int present;

    /// <summary>The ground truth (first input: blocks tile its ROI, restricted to <see cref="Roi"/>).</summary>
    [Input(Requires = ElementKinds.Integer)]
    public required Labels<ulong> GtData { get; init; }

    /// <summary>The segmentation scored.</summary>
    [Input(Requires = ElementKinds.Integer)]
    public required Labels<ulong> SegData { get; init; }

    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    /// <summary>Where the results JSON goes; the per-block tables go to the sibling folder <c>&lt;results_file&gt;.blocks</c>.</summary>
    [Parameter]
    public required string ResultsFile { get; init; }

    /// <summary>
    /// Leave voxels whose ground truth is 0 (unlabelled) out of every score — the usual convention (CREMI,
    /// skimage's adapted Rand default). False counts every voxel, background included, in both scores.
    /// </summary>
    [Parameter]
    public bool IgnoreBackground { get; init; } = true;

    [WriteRoi]
    public Roi? Roi { get; init; }

    [JsonIgnore]
    public override string Name => $"{SegData.Name}-evaluate";

    /// <summary>The folder holding the per-block tables.</summary>
    [JsonIgnore]
    public string BlocksDirectory => ResultsFile + ".blocks";

    partial void Validate()
    {
        if (string.IsNullOrWhiteSpace(ResultsFile))
        {
            throw new TaskFieldException(Name, "results_file", $"results_file is empty");
        }
    }

    partial void OnInit()
    {
        Directory.CreateDirectory(BlocksDirectory);
        if (!File.Exists(ResultsFile))
        {
            TryFinish();
        }
    }

    partial void OnDropArtifacts()
    {
        if (Directory.Exists(BlocksDirectory))
        {
            Directory.Delete(BlocksDirectory, recursive: true);
        }

        File.Delete(ResultsFile);
    }

    /// <summary>Reads the results a finished run wrote.</summary>
    public static EvaluationResults ReadResults(string resultsFile) =>
        JsonSerializer.Deserialize(File.ReadAllText(resultsFile), EvaluationResultsJson.Default.EvaluationResults)
            ?? throw new InvalidDataException($"'{resultsFile}' holds no evaluation results");

    private string TablePath(ulong blockId) => Path.Combine(BlocksDirectory, $"{blockId}.table");

    private void Process(Block block, ReadOnlyTensorSpan<ulong> gtData, ReadOnlyTensorSpan<ulong> segData)
    {
        var table = new ContingencyTable();
        table.Add(segData.AsReadOnlySpan(), gtData.AsReadOnlySpan());
        Directory.CreateDirectory(BlocksDirectory);
        ContingencyTableFile.Write(table, TablePath(block.Id));
        TryFinish();
    }

    /// <summary>Merges the tables into the results once every block's table exists.</summary>
    private void TryFinish()
    {
        lock (gate)
        {
            expected ??= ExpectedBlocks();

            // Tables only ever appear, so the blocks already seen need no second look.
            while (present < expected.Length && File.Exists(TablePath(expected[present])))
            {
                present++;
            }

            if (present < expected.Length)
            {
                return;
            }

            var merged = new ContingencyTable();
            foreach (ulong id in expected)
            {
                ContingencyTableFile.ReadInto(TablePath(id), merged);
            }

            var results = EvaluationResults.From(merged, IgnoreBackground, expected.Length);
            AtomicFile.WriteAllText(ResultsFile, JsonSerializer.Serialize(results, EvaluationResultsJson.Default.EvaluationResults));
        }
    }

    private ulong[] ExpectedBlocks()
    {
        var grid = new BlockGrid(Name, Layout);
        var ids = new ulong[checked((int)grid.BlockCount)];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = grid.BlockId(i);
        }

        return ids;
    }
}
