using Volara.Runtime.Datasets;

namespace Volara.Runtime.Dsl;

/// <summary>A dataset description with a compile-time element type; it serialises exactly like <see cref="Untyped"/>.</summary>
public interface ITypedDataset
{
    Dataset Untyped { get; }

    /// <summary>The element type the task's <c>Process</c> sees.</summary>
    Type ElementType { get; }
}
