using System.Numerics.Tensors;
using System.Text.Json.Serialization;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Generators.Tests.Tasks;

/// <summary>
/// AffAgglom's shape: affinities and fragments in, no array out (its result goes elsewhere), score groups naming
/// offsets of the neighbourhood, its own name, and blocks that must not run beside the ones they read from.
/// </summary>
[VolaraTask("test-score-groups", ReadWriteConflict = true)]
public sealed partial class ScoreGroups
{
    [Input]
    public required Affs<float> Affs { get; init; }

    [Input]
    public required Labels<ulong> Frags { get; init; }

    [Parameter, OffsetsOf(nameof(Affs))]
    public required IReadOnlyDictionary<string, IReadOnlyList<Coordinate>> Scores { get; init; }

    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    [Context]
    public Coordinate? Context { get; init; }

    [JsonIgnore]
    public override string Name => $"{Frags.Name}-scores";

    [JsonIgnore]
    public double AffinitySum { get; private set; }

    private void Process(Block block, ReadOnlyTensorSpan<float> affs, ReadOnlyTensorSpan<ulong> frags) =>
        AffinitySum += TensorPrimitives.Sum(affs.AsReadOnlySpan());
}
