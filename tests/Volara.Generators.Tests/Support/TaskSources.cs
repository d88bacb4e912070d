namespace Volara.Generators.Tests.Support;

/// <summary>Task classes the generator tests compile.</summary>
internal static class TaskSources
{
    /// <summary>One input, one output, a parameter, an optional write ROI and a validation hook (Threshold's shape).</summary>
    public const string Threshold = """
        using System.Numerics.Tensors;
        using System.Text.Json.Serialization;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        namespace Samples.Masks;

        [VolaraTask("mask-above")]
        public sealed partial class MaskAbove
        {
            [Input] public required Raw<float> InData { get; init; }
            [Output] public required Labels<byte> Mask { get; init; }
            [Parameter, JsonPropertyName("threshold")] public double Value { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            [WriteRoi] public Roi? Roi { get; init; }

            partial void Validate()
            {
            }

            private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<byte> mask)
            {
                var source = inData.AsReadOnlySpan();
                var target = mask.AsSpan();
                for (int i = 0; i < source.Length; i++)
                {
                    target[i] = source[i] > Value ? (byte)1 : (byte)0;
                }
            }
        }
        """;

    /// <summary>Per-offset parameters over an affinities port's neighbourhood and over a neighbourhood list; an input's element kinds.</summary>
    public const string Checks = """
        using System.Collections.Generic;
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        namespace Samples.Offsets;

        [VolaraTask("offset-weights")]
        public sealed partial class OffsetWeights
        {
            [Input] public required Affs<byte> AffsData { get; init; }
            [Input(Requires = ElementKinds.Integer)] public required Labels<ulong> Fragments { get; init; }
            [Output(SpatialOnly = true)] public required Raw<float> Weighted { get; init; }
            [Parameter, PerOffset(nameof(AffsData))] public required IReadOnlyList<double> Bias { get; init; }
            [Parameter] public IReadOnlyList<Coordinate>? Pairs { get; init; }
            [Parameter, PerOffset(nameof(Pairs))] public IReadOnlyList<double>? PairWeights { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }

            private void Process(Block block, ReadOnlyTensorSpan<byte> affsData, ReadOnlyTensorSpan<ulong> fragments, TensorSpan<float> weighted)
            {
            }
        }
        """;

    /// <summary>Two inputs, two outputs (one spatial only), a context; global namespace, no hook.</summary>
    public const string TwoPorts = """
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        [VolaraTask("combine")]
        partial class Combine
        {
            [Input] public required Affs<float> Affinities { get; init; }
            [Input] public required Labels<ulong> Fragments { get; init; }
            [Output] public required Raw<double> Scores { get; init; }
            [Output(SpatialOnly = true)] public required Labels<uint> Merged { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            [Context] public Coordinate? Context { get; init; }

            void Process(Block block, ReadOnlyTensorSpan<float> affinities, ReadOnlyTensorSpan<ulong> fragments, TensorSpan<double> scores, TensorSpan<uint> merged)
            {
            }
        }
        """;

    /// <summary>Process over the stored type, optional ports, hooks, a read/write conflict and offsets checked against a neighbourhood.</summary>
    public const string StoredOptional = """
        using System.Collections.Generic;
        using System.Numerics;
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        namespace Samples.Agglomeration;

        [VolaraTask("smooth", ReadWriteConflict = true)]
        public sealed partial class Smooth
        {
            [Input] public required Affs<Stored> Affs { get; init; }
            [Input] public Labels<byte>? Mask { get; init; }
            [Input] public required Raw<Stored> Weights { get; init; }
            [Output] public required Raw<Stored> Smoothed { get; init; }
            [Output(SpatialOnly = true)] public Labels<uint>? Counts { get; init; }
            [Parameter, OffsetsOf(nameof(Affs))] public IReadOnlyList<Coordinate>? Offsets { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            [Context] public Coordinate? Context { get; init; }

            partial void OnInit()
            {
            }

            partial void OnDropArtifacts()
            {
            }

            private void Process<T>(Block block, ReadOnlyTensorSpan<T> affs, ReadOnlyTensorSpan<byte> mask, ReadOnlyTensorSpan<T> weights, TensorSpan<T> smoothed, TensorSpan<uint> counts)
                where T : unmanaged, INumber<T>
            {
            }
        }
        """;

    /// <summary>Geometry derived from another setting (get-only block size and context), overhang fit, and a disposable per-worker state.</summary>
    public const string DerivedGeometry = """
        using System;
        using System.Numerics.Tensors;
        using System.Text.Json.Serialization;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        namespace Samples.Inference;

        public sealed record ModelShape(Coordinate Input, Coordinate Output);

        [VolaraTask("apply-model", Fit = BlockFit.Overhang)]
        public sealed partial class ApplyModel
        {
            [Input] public required Raw<float> InData { get; init; }
            [Output] public required Raw<byte> OutData { get; init; }
            [Parameter] public required ModelShape Shape { get; init; }
            [BlockSize, JsonIgnore] public Coordinate BlockSize => Shape.Output;
            [Context, JsonIgnore] public Coordinate Context => (Shape.Input - Shape.Output).FloorDivide(2);

            private Session CreateWorkerState(int worker) => new();

            private void Process(Block block, Session session, ReadOnlyTensorSpan<float> inData, TensorSpan<byte> outData)
            {
            }

            private sealed class Session : IDisposable
            {
                public void Dispose()
                {
                }
            }
        }
        """;

    /// <summary>A list output (one dataset or null per entry, each entry's channels and type from the task) and a one-sided context.</summary>
    public const string ListOutput = """
        using System.Collections.Generic;
        using System.Numerics.Tensors;
        using System.Text.Json.Serialization;
        using Volara.Runtime.Datasets;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;
        using Volara.Runtime.Storage;

        namespace Samples.Inference;

        [VolaraTask("heads", Fit = BlockFit.Overhang)]
        public sealed partial class Heads
        {
            [Input] public required Raw<float> InData { get; init; }
            [Output] public required IReadOnlyList<Dataset?> OutData { get; init; }
            [Parameter] public required IReadOnlyList<int> Channels { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            [Context, JsonIgnore] public (Coordinate Low, Coordinate High) Context => (BlockSize * 0, BlockSize * 0 + 1);

            [JsonIgnore]
            public override string Name => "heads";

            private OutputFormat OutputFormat(string field, int index) => new(Channels[index], DataType.UInt8);

            private void Process(Block block, ReadOnlyTensorSpan<float> inData, IReadOnlyList<VolumeArray?> outData)
            {
            }
        }
        """;

    /// <summary>Blocks read ahead and written behind (three slots of buffers): a typed output, a list output and a worker state whose pending writes end each block; and Process over the stored type.</summary>
    public const string OverlapIo = """
        using System.Collections.Generic;
        using System.Numerics.Tensors;
        using Volara.Runtime.Datasets;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;
        using Volara.Runtime.Storage;

        namespace Samples.Inference;

        [VolaraTask("staged-model", Fit = BlockFit.Overhang, OverlapIo = true)]
        public sealed partial class StagedModel
        {
            [Input] public required Raw<float> InData { get; init; }
            [Output] public required Raw<byte> Mask { get; init; }
            [Output] public required IReadOnlyList<Dataset?> Heads { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }

            private OutputFormat OutputFormat(string field, int index) => new(1, DataType.Float32);

            private Pending CreateWorkerState() => new();

            private void Process(Block block, Pending pending, ReadOnlyTensorSpan<float> inData, TensorSpan<byte> mask, IReadOnlyList<VolumeArray?> heads)
            {
            }

            private sealed class Pending : IPendingWrites
            {
                public void WritePending(Block block)
                {
                }
            }
        }

        [VolaraTask("staged-copy", OverlapIo = true)]
        public sealed partial class StagedCopy
        {
            [Input] public required Raw<Stored> InData { get; init; }
            [Output] public required Raw<Stored> OutData { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }

            private void Process<T>(Block block, ReadOnlyTensorSpan<T> inData, TensorSpan<T> outData)
                where T : unmanaged, System.Numerics.INumber<T>
            {
            }
        }
        """;

    /// <summary>A whole-volume task without arrays: its own name, weights checked against a database's edge attributes.</summary>
    public const string WholeRoi = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        public sealed record GraphConfig(string Path)
        {
            public IReadOnlyDictionary<string, string>? EdgeAttrs { get; init; }
        }

        [VolaraTask("global-agglomeration", WholeRoi = true)]
        public sealed partial class GlobalAgglomeration
        {
            [Parameter] public required GraphConfig Db { get; init; }
            [Parameter, EdgeAttributesOf(nameof(Db))] public required IReadOnlyDictionary<string, double> Weights { get; init; }
            [WriteRoi] public Roi? Roi { get; init; }

            [JsonIgnore]
            public override string Name => Db.Path + "-global-agglomeration";

            private void Process(Block block)
            {
            }
        }
        """;

    /// <summary>Classes the generator must leave alone (the analyzers explain why).</summary>
    /// <summary>A configuration value with a base class, init members with initial values, a required one and a converter.</summary>
    public const string ValueContract = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Volara.Runtime.Serialization;

        namespace Samples.Values
        {
            public abstract record Place
            {
                [JsonPropertyName("where")]
                public required string Path { get; init; }

                public bool Writable { get; init; } = true;
            }

            [JsonContract]
            public sealed partial record Shelf : Place
            {
                public int Slots { get; init; } = 4;

                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
                public IReadOnlyList<string>? Labels { get; set; }

                [JsonIgnore]
                public int Free => Slots;
            }
        }
        """;

    public const string Invalid = """
        using System.Numerics.Tensors;
        using Volara.Runtime.Dsl;
        using Volara.Runtime.Engine;
        using Volara.Runtime.Geometry;

        [VolaraTask("a-record")]
        public sealed partial record ARecord
        {
            [Input] public required Raw<float> In { get; init; }
            [Output] public required Raw<float> Out { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> input, TensorSpan<float> output) { }
        }

        [VolaraTask("not-partial")]
        public sealed class NotPartial
        {
            [Input] public required Raw<float> In { get; init; }
            [Output] public required Raw<float> Out { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> input, TensorSpan<float> output) { }
        }

        [VolaraTask("wrong-element")]
        public sealed partial class WrongElement
        {
            [Input] public required Raw<float> In { get; init; }
            [Output] public required Raw<float> Out { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<double> input, TensorSpan<float> output) { }
        }

        [VolaraTask("no-block-size")]
        public sealed partial class NoBlockSize
        {
            [Input] public required Raw<float> In { get; init; }
            [Output] public required Raw<float> Out { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> input, TensorSpan<float> output) { }
        }

        [VolaraTask("stored-output-only")]
        public sealed partial class StoredOutputOnly
        {
            [Input] public required Raw<float> In { get; init; }
            [Output] public required Raw<Stored> Out { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            private void Process<T>(Block block, ReadOnlyTensorSpan<float> input, TensorSpan<T> output) where T : unmanaged { }
        }

        [VolaraTask("generic-without-stored")]
        public sealed partial class GenericWithoutStored
        {
            [Input] public required Raw<float> In { get; init; }
            [Output] public required Raw<float> Out { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            private void Process<T>(Block block, ReadOnlyTensorSpan<float> input, TensorSpan<float> output) { }
        }

        [VolaraTask("unnamed")]
        public sealed partial class Unnamed
        {
            [Input] public required Raw<float> In { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> input) { }
        }

        [VolaraTask("optional-first")]
        public sealed partial class OptionalFirst
        {
            [Input] public Raw<float>? In { get; init; }
            [Output] public required Raw<float> Out { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            private void Process(Block block, ReadOnlyTensorSpan<float> input, TensorSpan<float> output) { }
        }

        [VolaraTask("static-worker-state")]
        public sealed partial class StaticWorkerState
        {
            [Input] public required Raw<float> In { get; init; }
            [Output] public required Raw<float> Out { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            private static System.IO.MemoryStream CreateWorkerState() => new();
            private void Process(Block block, System.IO.MemoryStream state, ReadOnlyTensorSpan<float> input, TensorSpan<float> output) { }
        }

        [VolaraTask("worker-state-with-parameters")]
        public sealed partial class WorkerStateWithParameters
        {
            [Input] public required Raw<float> In { get; init; }
            [Output] public required Raw<float> Out { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            private System.IO.MemoryStream CreateWorkerState(long capacity) => new((int)capacity);
            private void Process(Block block, System.IO.MemoryStream state, ReadOnlyTensorSpan<float> input, TensorSpan<float> output) { }
        }

        [VolaraTask("list-without-format")]
        public sealed partial class ListWithoutFormat
        {
            [Input] public required Raw<float> In { get; init; }
            [Output] public required System.Collections.Generic.IReadOnlyList<Volara.Runtime.Datasets.Dataset?> Out { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            public override string Name => "list";
            private void Process(Block block, ReadOnlyTensorSpan<float> input, System.Collections.Generic.IReadOnlyList<Volara.Runtime.Datasets.VolumeArray?> output) { }
        }

        [VolaraTask("list-with-static-format")]
        public sealed partial class ListWithStaticFormat
        {
            [Input] public required Raw<float> In { get; init; }
            [Output] public required System.Collections.Generic.IReadOnlyList<Volara.Runtime.Datasets.Dataset?> Out { get; init; }
            [BlockSize] public required Coordinate BlockSize { get; init; }
            public override string Name => "list";
            private static OutputFormat OutputFormat(string field, int index) => new(1, Volara.Runtime.Storage.DataType.UInt8);
            private void Process(Block block, ReadOnlyTensorSpan<float> input, System.Collections.Generic.IReadOnlyList<Volara.Runtime.Datasets.VolumeArray?> output) { }
        }
        """;
}
