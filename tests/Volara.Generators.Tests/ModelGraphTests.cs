using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Volara.Generators.Model;
using Volara.Generators.Tests.Support;

namespace Volara.Generators.Tests;

/// <summary>The generator's models are plain values: equal across compilations and free of symbols and syntax.</summary>
public sealed class ModelGraphTests
{
    [Fact]
    public void ModelsOfTwoSeparateCompilationsOfOneSourceAreEqual()
    {
        var first = ModelOf(TaskSources.TwoPorts);
        var second = ModelOf(TaskSources.TwoPorts);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(["affinities", "fragments"], first.Inputs.Select(port => port.Field));
        Assert.Equal(["float", "ulong"], first.Inputs.Select(port => port.ElementType));
        Assert.Equal([false, true], first.Outputs.Select(port => port.SpatialOnly));
        Assert.Equal("context", first.Context?.Field);
    }

    [Fact]
    public void TheModelGraphHoldsNoSymbolSyntaxOrCompilation()
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(ModelOf(TaskSources.Threshold), "model", visited);
        Assert.True(visited.Count > 5, "the walk reached the model's parts");
    }

    private static TaskModel ModelOf(string source)
    {
        var (driver, _) = GeneratorHarness.Run(GeneratorHarness.Compile(GeneratorHarness.Parse(source)));
        return (TaskModel)driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.ValidTaskModels].Single().Outputs.Single().Value;
    }

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || !visited.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location, $"{path} is a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{i++}]", visited);
            }
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), $"{path}.{field.Name}", visited);
        }
    }
}
