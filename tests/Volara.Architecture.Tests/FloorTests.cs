using System.Reflection;
using NetArchTest.Rules;

namespace Volara.Architecture.Tests;

/// <summary>
/// The floors of the runtime (docs/architecture.md): each namespace may use the floors below it and never the ones above,
/// checked over the compiled assemblies' type references. Algorithms touch no files, databases or engine types.
/// </summary>
public sealed class FloorTests
{
    private const string Runtime = "Volara.Runtime.";

    private static readonly Assembly RuntimeAssembly = typeof(Volara.Runtime.Geometry.Coordinate).Assembly;
    private static readonly Assembly WorkersAssembly = typeof(Volara.Workers.WorkerEntry).Assembly;

    /// <summary>From the bottom up; a floor may use those before it.</summary>
    private static readonly string[] Floors = ["Geometry", "Storage", "Datasets", "Engine", "Dsl", "Tasks"];

    public static TheoryData<string> FloorNames => [.. Floors];

    [Theory]
    [MemberData(nameof(FloorNames))]
    public void AFloorUsesNoFloorAboveIt(string floor)
    {
        var above = Floors.SkipWhile(name => name != floor).Skip(1).Select(name => Runtime + name).ToArray();
        if (above.Length == 0)
        {
            return;
        }

        AssertHolds(Types.InAssembly(RuntimeAssembly).That().ResideInNamespace(Runtime + floor).ShouldNot().HaveDependencyOnAny(above).GetResult(), $"{floor} uses a floor above it");
    }

    [Theory]
    [InlineData("Segmentation")]
    [InlineData("Registration")]
    public void AlgorithmsAreFreeOfInputAndOutput(string algorithms) =>
        AssertHolds(
            Types.InAssembly(RuntimeAssembly).That().ResideInNamespace(Runtime + algorithms)
                .ShouldNot().HaveDependencyOnAny([.. new[] { "Storage", "Datasets", "Engine", "Dsl", "Tasks", "Graphs" }.Select(name => Runtime + name), "System.IO.File", "System.IO.Directory", "System.Data"])
                .GetResult(),
            $"{algorithms} does input or output");

    [Fact]
    public void TheDriverDoesNotDependOnTheClusterLaunchersThatPlugIntoIt() =>
        AssertHolds(
            Types.InAssembly(WorkersAssembly).That().ResideInNamespace("Volara.Workers.Driver").ShouldNot().HaveDependencyOn("Volara.Workers.Cluster").GetResult(),
            "Workers.Driver uses Workers.Cluster");

    private static void AssertHolds(TestResult result, string what) =>
        Assert.True(result.IsSuccessful, $"{what}: {string.Join(", ", result.FailingTypeNames ?? [])}");
}
