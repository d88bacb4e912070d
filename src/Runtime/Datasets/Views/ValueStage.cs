using Volara.Runtime.Storage;

namespace Volara.Runtime.Datasets.Views;

/// <summary>One element-wise step of a view's value pipeline (threshold, scaling, type conversion).</summary>
internal abstract class ValueStage
{
    /// <summary>The data type this stage produces from <paramref name="input"/>.</summary>
    public abstract DataType OutputType(DataType input);

    /// <summary>Transforms all elements of <paramref name="input"/> into <paramref name="output"/> (equal element counts).</summary>
    public abstract void Run(ReadOnlySpan<byte> input, DataType inputType, Span<byte> output, ReadLayout layout);
}
