using Volara.Runtime.Engine;

namespace Volara.Runtime.Dsl.Description;

/// <summary>A task class with a descriptor: generated for every <c>[VolaraTask]</c> class, written by hand for others.</summary>
public interface IDescribedTask : IBlockwiseTask
{
    static abstract TaskDescriptor Descriptor { get; }
}
