using System.Numerics;
using System.Numerics.Tensors;
using System.Text.Json.Serialization;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Generators.Tests.Tasks;

/// <summary>
/// Copies values in their stored type, zeroed where an optional mask is 0; an optional second output marks non-zero
/// voxels. Records which instantiation of Process ran and which hooks ran.
/// </summary>
[VolaraTask("test-stored-copy")]
public sealed partial class StoredCopy
{
    [Input]
    public required Raw<Stored> Values { get; init; }

    [Input]
    public Labels<byte>? Mask { get; init; }

    [Output]
    public required Raw<Stored> Copy { get; init; }

    [Output]
    public Labels<byte>? Nonzero { get; init; }

    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    [JsonIgnore]
    public Type? ProcessedAs { get; private set; }

    [JsonIgnore]
    public int MaskedBlocks { get; private set; }

    [JsonIgnore]
    public int InitHookRuns { get; private set; }

    [JsonIgnore]
    public int DropHookRuns { get; private set; }

    partial void OnInit() => InitHookRuns++;

    partial void OnDropArtifacts() => DropHookRuns++;

    private void Process<T>(Block block, ReadOnlyTensorSpan<T> values, ReadOnlyTensorSpan<byte> mask, TensorSpan<T> copy, TensorSpan<byte> nonzero)
        where T : unmanaged, INumber<T>
    {
        ProcessedAs = typeof(T);
        var source = values.AsReadOnlySpan();
        var target = copy.AsSpan();
        source.CopyTo(target);
        if (!mask.IsEmpty)
        {
            MaskedBlocks++;
            var keep = mask.AsReadOnlySpan();
            for (int i = 0; i < target.Length; i++)
            {
                target[i] = keep[i] == 0 ? T.Zero : target[i];
            }
        }

        if (!nonzero.IsEmpty)
        {
            var marks = nonzero.AsSpan();
            for (int i = 0; i < target.Length; i++)
            {
                marks[i] = T.IsZero(target[i]) ? (byte)0 : (byte)1;
            }
        }
    }
}
