using System.Text.Json;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Serialization;

namespace Volara.Runtime.Tests.Engine;

public sealed class JsonContractTests
{
    [Theory]
    [InlineData(typeof(Raw))]
    [InlineData(typeof(Labels))]
    [InlineData(typeof(Affs))]
    [InlineData(typeof(Lsd))]
    [InlineData(typeof(ExecutionOptions))]
    [InlineData(typeof(Volara.Runtime.Luts.Lut))]
    public void ConfigurationValuesHaveGeneratedContracts(Type type) =>
        Assert.NotNull(JsonContracts.Resolver.GetTypeInfo(type, TaskJson.Options));

    [Fact]
    public void AFieldAFileLeavesOutKeepsItsInitialValue()
    {
        // System.Text.Json's own source generation would set these init members to false and 0.
        var labels = JsonSerializer.Deserialize<Labels>("""{"store": "a.zarr/labels"}""", TaskJson.Options)!;
        var execution = JsonSerializer.Deserialize<ExecutionOptions>("""{"max_retries": 5}""", TaskJson.Options)!;

        Assert.True(labels.Writable);
        Assert.Equal((1, 5), (execution.NumWorkers, execution.MaxRetries));
    }

    [Fact]
    public void ARequiredFieldAFileLeavesOutIsNamed()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Raw>("""{"voxel_size": [1, 1]}""", TaskJson.Options));
        Assert.Contains("store", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"dataset_type": "affs", "store": "a.zarr/affs", "neighborhood": [[1, 0, 0], [0, 1, 0]]}""")]
    [InlineData("""{"store": "a.zarr/affs", "neighborhood": [[1, 0, 0], [0, 1, 0]], "dataset_type": "affs"}""")]
    [InlineData("""{"store": "a.zarr/affs", "neighborhood": [[1, 0, 0], [0, 1, 0]]}""")]
    public void ADatasetFieldReadsWithItsKindAnywhereOrWithoutIt(string json)
    {
        var affs = JsonSerializer.Deserialize<Affs>(json, TaskJson.Options)!;

        Assert.Equal(("a.zarr/affs", 2), (affs.Store, affs.Neighborhood!.Count));
    }

    [Theory]
    [InlineData("""{"dataset_type": "labels", "store": "a.zarr/affs"}""", "found \"labels\"")]
    [InlineData("""{"store": "a.zarr/affs", "neighborhood": [[1, 0, 0]], "dataset_type": 3}""", "found 3")]
    public void ADatasetFieldOfAnotherKindIsRefused(string json, string found)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Affs>(json, TaskJson.Options));

        Assert.Contains($"expected a dataset of type 'affs', {found}", error.Message, StringComparison.Ordinal);
    }
}
