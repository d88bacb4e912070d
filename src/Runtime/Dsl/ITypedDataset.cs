using Volara.Runtime.Datasets;

namespace Volara.Runtime.Dsl;

/// <summary>A dataset description with a compile-time element type; it serialises exactly like <see cref="Untyped"/>.</summary>
public interface ITypedDataset
{
    Dataset Untyped { get; }

    /// <summary>The element type the task's <c>Process</c> sees.</summary>
    Type ElementType { get; }
}

/// <summary>A typed dataset that can be made from its untyped dataset without reflection (configurations hold the latter).</summary>
public interface ITypedDataset<TSelf, TUntyped> : ITypedDataset
    where TSelf : ITypedDataset<TSelf, TUntyped>
    where TUntyped : Dataset
{
    static abstract TSelf Wrap(TUntyped untyped);
}
