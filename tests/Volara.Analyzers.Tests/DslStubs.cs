namespace Volara.Analyzers.Tests;

/// <summary>
/// The DSL surface the analyzers look for, as source: the analyzers know these types by metadata name only, so
/// tests compile against declarations with the same names and shapes as the runtime's (docs/dsl.md).
/// </summary>
internal static class DslStubs
{
    public const string Source = """
        namespace System.Numerics.Tensors
        {
            public ref struct ReadOnlyTensorSpan<T> { }
            public ref struct TensorSpan<T> { }
        }

        namespace Volara.Runtime.Geometry
        {
            public readonly struct Coordinate
            {
                public Coordinate(params long[] elements) { }
            }
        }

        namespace Volara.Runtime.Engine
        {
            public sealed record Block(string TaskName, ulong Id);
        }

        namespace Volara.Runtime.Dsl
        {
            [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class VolaraTaskAttribute(string taskType) : System.Attribute { public string TaskType { get; } = taskType; }
            [System.AttributeUsage(System.AttributeTargets.Property)] public sealed class InputAttribute : System.Attribute;
            [System.AttributeUsage(System.AttributeTargets.Property)] public sealed class OutputAttribute : System.Attribute { public bool SpatialOnly { get; set; } }
            [System.AttributeUsage(System.AttributeTargets.Property)] public sealed class ParameterAttribute : System.Attribute;
            [System.AttributeUsage(System.AttributeTargets.Property)] public sealed class BlockSizeAttribute : System.Attribute;
            [System.AttributeUsage(System.AttributeTargets.Property)] public sealed class ContextAttribute : System.Attribute;
            public sealed record Raw<T>(string Store) where T : unmanaged;
            public sealed record Affs<T>(string Store) where T : unmanaged;
            public sealed record Labels<T>(string Store) where T : unmanaged;
            public sealed record Lsd<T>(string Store) where T : unmanaged;
        }
        """;
}
