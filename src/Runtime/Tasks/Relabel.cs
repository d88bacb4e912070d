using System.Numerics.Tensors;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Luts;

namespace Volara.Runtime.Tasks;

/// <summary>
/// volara's Relabel: segments from fragments through a look-up table (usually GraphMWS's). Every fragment id is
/// replaced by its segment; ids the table does not list — 0 included, unless listed — keep their value. Output
/// uint64, prepared like the fragments with chunks of one block. Shrink fit, no context.
/// </summary>
[VolaraTask("relabel")]
public sealed partial class Relabel
{
    // The table is read on the first block a process runs (in a pipeline it is written by an upstream task
    // after this task's layout and init), then shared read-only by the process's worker threads.
    private Lazy<LutLookup>? lookup;

    /// <summary>The fragments.</summary>
    [Input(Requires = ElementKinds.Integer)]
    public required Labels<ulong> FragsData { get; init; }

    /// <summary>The segments written.</summary>
    [Output]
    public required Labels<ulong> SegData { get; init; }

    /// <summary>The fragment → segment table.</summary>
    [Parameter]
    public required Lut Lut { get; init; }

    /// <summary>Block size in voxels.</summary>
    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    [WriteRoi]
    public Roi? Roi { get; init; }

    partial void Validate()
    {
        if (Lut is null || string.IsNullOrWhiteSpace(Lut.Path))
        {
            throw new TaskFieldException(Name, "lut", $"lut needs a path");
        }

        Interlocked.CompareExchange(ref lookup, new Lazy<LutLookup>(LoadLookup, LazyThreadSafetyMode.ExecutionAndPublication), null);
    }

    private LutLookup LoadLookup()
    {
        var table = Lut.Load()
            ?? throw new FileNotFoundException($"task '{Name}': look-up table '{Lut.File}' does not exist (was the task that writes it run?)", Lut.File);
        return LutLookup.Build(table);
    }

    private void Process(Block block, ReadOnlyTensorSpan<ulong> fragsData, TensorSpan<ulong> segData)
    {
        var table = (lookup ?? throw new InvalidOperationException($"task '{Name}': not validated before processing")).Value;
        table.Map(fragsData.AsReadOnlySpan(), segData.AsSpan());
    }
}
