using System.Text.Json.Nodes;
using Volara.Cli.Tests.Support;

namespace Volara.Cli.Tests.Commands;

public sealed class SchemaCommandTests
{
    private static readonly string Shipped = Path.Combine(RepositoryPaths.Root, "schemas", "volara-pipeline.schema.json");

    [Fact]
    public void TheShippedSchemaIsCurrent()
    {
        var result = VolaraProcess.Run("schema");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(
            File.ReadAllText(Shipped) == result.Stdout,
            "schemas/volara-pipeline.schema.json is stale: regenerate it with `dotnet run --project src/Cli -- schema > schemas/volara-pipeline.schema.json`");
    }

    [Fact]
    public void DescribesEveryTaskTypeWithItsFieldsAndRequiredOnes()
    {
        var schema = JsonNode.Parse(VolaraProcess.Run("schema").Stdout)!;
        var defs = schema["$defs"]!.AsObject();

        var threshold = defs["task.threshold"]!;
        Assert.Equal("threshold", threshold["properties"]!["task_type"]!["const"]!.GetValue<string>());
        Assert.Equal(["task_type", "in_data", "mask", "threshold", "block_size", "roi", "execution"], threshold["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["task_type", "in_data", "mask", "threshold", "block_size"], threshold["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("number", threshold["properties"]!["threshold"]!["type"]!.GetValue<string>());
        Assert.Equal("#/$defs/coordinate", threshold["properties"]!["block_size"]!["$ref"]!.GetValue<string>());
        Assert.False(threshold["additionalProperties"]!.GetValue<bool>());
        Assert.Contains("#/$defs/task.argmax", defs["task"]!["oneOf"]!.AsArray().Select(r => r!["$ref"]!.GetValue<string>()));
        Assert.Equal(["raw", "affs", "labels", "lsd"], defs["dataset"]!["properties"]!["dataset_type"]!["enum"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal("integer", defs["execution"]!["properties"]!["num_workers"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void IncludesPluginTasks()
    {
        var schema = JsonNode.Parse(VolaraProcess.Run("schema", "--plugin", VolaraProcess.TestPlugin).Stdout)!;

        var task = schema["$defs"]!["task.test-weighted-channel-sum"]!;
        Assert.Equal("array", task["properties"]!["weights"]!["type"]!.GetValue<string>());
        Assert.Equal("number", task["properties"]!["weights"]!["items"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void TheValidatorRefusesFieldsTheSchemaDoesNotKnow()
    {
        using var temp = new TempDirectory();
        SampleVolume.WriteRaw(temp.Combine("data.zarr", "raw"));
        File.WriteAllText(temp.Combine("pipeline.yaml"), "tasks:\n  a:\n    task_type: threshold\n    in_data: {store: data.zarr/raw}\n    mask: {store: data.zarr/m}\n    threshold: 1\n    treshold: 2\n    block_size: [4, 16, 16]\n");

        var result = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("volara: error: pipeline.yaml:7:5: /tasks/a/treshold: task 'a': unknown field 'treshold' (did you mean 'threshold'?) (the fields of threshold are in_data, mask, threshold, block_size, roi, execution)\n", result.Stderr);
    }
}
