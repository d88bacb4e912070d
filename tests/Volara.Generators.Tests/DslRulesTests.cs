using Volara.Runtime.Dsl;

namespace Volara.Generators.Tests;

/// <summary>The shared rule functions the runtime and the analyzers both apply.</summary>
public sealed class DslRulesTests
{
    [Fact]
    public void ABlockSizeNeedsOnePositiveValuePerPhysicalAxis()
    {
        Assert.Null(DslRules.BlockSizeProblem([5, 5, 5], 3));
        Assert.Null(DslRules.BlockSizeProblem([5, 5], -1));
        Assert.Equal("has 2 values, the data has 3 physical axes", DslRules.BlockSizeProblem([5, 5], 3));
        Assert.Equal("must be positive in every axis", DslRules.BlockSizeProblem([5, 0, 5], 3));
        Assert.Equal("must be positive in every axis", DslRules.BlockSizeProblem([5, null], -1));
    }

    [Fact]
    public void AContextMayBeZeroButNotNegative()
    {
        Assert.Null(DslRules.ContextProblem([0, 2], 2));
        Assert.Equal("must not be negative in any axis", DslRules.ContextProblem([0, -1], 2));
        Assert.Equal("has 1 values, the data has 2 physical axes", DslRules.ContextProblem([1], 2));
    }
}
