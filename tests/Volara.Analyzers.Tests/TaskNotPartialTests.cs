using Volara.CodeFixers;

namespace Volara.Analyzers.Tests;

public class TaskNotPartialTests
{
    [Fact]
    public Task Fires_on_a_task_class_without_partial_and_the_fix_adds_it_everywhere()
    {
        const string source = """
            using System.Numerics.Tensors;
            using Volara.Runtime.Dsl;
            using Volara.Runtime.Engine;

            [VolaraTask("copy")]
            public sealed class {|VOL0001:Copy|}
            {
                [BlockSize] public Volara.Runtime.Geometry.Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public Raw<float> OutData { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
            }

            [VolaraTask("copy-bare")]
            class {|VOL0001:CopyBare|}
            {
                [BlockSize] public Volara.Runtime.Geometry.Coordinate BlockSize { get; init; }
                [Input] public Raw<byte> InData { get; init; }
                [Output] public Raw<byte> OutData { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<byte> inData, TensorSpan<byte> outData) { }
            }
            """;
        const string fixedSource = """
            using System.Numerics.Tensors;
            using Volara.Runtime.Dsl;
            using Volara.Runtime.Engine;

            [VolaraTask("copy")]
            public sealed partial class Copy
            {
                [BlockSize] public Volara.Runtime.Geometry.Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public Raw<float> OutData { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
            }

            [VolaraTask("copy-bare")]
            partial class CopyBare
            {
                [BlockSize] public Volara.Runtime.Geometry.Coordinate BlockSize { get; init; }
                [Input] public Raw<byte> InData { get; init; }
                [Output] public Raw<byte> OutData { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<byte> inData, TensorSpan<byte> outData) { }
            }
            """;
        return Verify<TaskDeclarationAnalyzer>.CodeFixAsync<MakeTaskPartialCodeFix>(source, fixedSource);
    }

    [Fact]
    public Task Is_silent_for_partial_tasks_and_for_classes_that_are_not_tasks()
    {
        const string source = """
            using System.Numerics.Tensors;
            using Volara.Runtime.Dsl;
            using Volara.Runtime.Engine;

            [VolaraTask("copy")]
            public sealed partial class Copy
            {
                [BlockSize] public Volara.Runtime.Geometry.Coordinate BlockSize { get; init; }
                [Input] public Raw<float> InData { get; init; }
                [Output] public Raw<float> OutData { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
            }

            public sealed partial class Copy { }

            public sealed class Helper { }
            """;
        return Verify<TaskDeclarationAnalyzer>.AnalyzerAsync(source);
    }
}
