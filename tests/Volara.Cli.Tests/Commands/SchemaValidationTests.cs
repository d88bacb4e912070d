using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Volara.Cli.Pipelines;
using Volara.Cli.Tests.Support;

namespace Volara.Cli.Tests.Commands;

/// <summary>
/// The shipped schema, checked with a JSON Schema validator, against what volara itself accepts: every shipped example
/// and every complete pipeline file in the README and the docs is valid, and files volara refuses are invalid.
/// </summary>
public sealed partial class SchemaValidationTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schemas", "volara-pipeline.schema.json")));

    public static TheoryData<string> ShippedFiles() =>
    [
        .. Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "examples"), "*.yaml").Select(Path.GetFileName).Order().Select(name => "examples/" + name!),
        .. DocumentedPipelines().Select(p => p.Name),
    ];

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void EveryShippedPipelineIsValid(string name)
    {
        string file = name.StartsWith("examples/", StringComparison.Ordinal)
            ? Path.Combine(RepositoryPaths.Root, name)
            : WriteDocumented(name);

        var problems = Problems(file);

        Assert.True(problems.Count == 0, $"{name}: {string.Join("; ", problems)}");
    }

    [Theory]
    [InlineData("an unknown task field", "{\"task_type\": \"threshold\", \"in_data\": {\"dataset_type\": \"raw\", \"store\": \"a.zarr/raw\"}, \"mask\": {\"dataset_type\": \"labels\", \"store\": \"a.zarr/m\"}, \"threshold\": 1, \"block_size\": [4, 4], \"treshold\": 2}")]
    [InlineData("a value of the wrong kind", "{\"task_type\": \"threshold\", \"in_data\": {\"dataset_type\": \"raw\", \"store\": \"a.zarr/raw\"}, \"mask\": {\"dataset_type\": \"labels\", \"store\": \"a.zarr/m\"}, \"threshold\": \"high\", \"block_size\": [4, 4]}")]
    [InlineData("a missing required field", "{\"task_type\": \"threshold\", \"in_data\": {\"dataset_type\": \"raw\", \"store\": \"a.zarr/raw\"}, \"threshold\": 1, \"block_size\": [4, 4]}")]
    [InlineData("an unknown task type", "{\"task_type\": \"thresold\"}")]
    public void FilesVolaraRefusesAreInvalid(string what, string json)
    {
        using var temp = new TempDirectory();
        string file = temp.Combine("bad.json");
        File.WriteAllText(file, json);

        Assert.True(Problems(file).Count > 0, $"the schema accepts {what}");
        Assert.Equal(2, VolaraProcess.RunIn(temp.Path, "plan", "bad.json").ExitCode);
    }

    private static List<string> Problems(string file)
    {
        var root = LocatedDocument.Load(file).Root;
        using var document = JsonDocument.Parse(root!.ToJsonString());
        var result = Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} [{d.EvaluationPath}]: {e.Value}"))];
    }

    /// <summary>Fenced blocks of the README and docs that are whole pipeline files: a task (task_type at the top) or a document with tasks.</summary>
    private static IEnumerable<(string Name, string Text, string Extension)> DocumentedPipelines()
    {
        foreach (var page in new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Select(f => "docs/" + Path.GetFileName(f)).Order()))
        {
            int index = 0;
            foreach (Match block in FencedBlock().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, page))))
            {
                string language = block.Groups[1].Value, text = block.Groups[2].Value;
                bool whole = language == "json" ? text.TrimStart().StartsWith("{\n  \"task_type\"", StringComparison.Ordinal)
                    : text.Contains("\ntasks:", StringComparison.Ordinal) && !text.Contains(": $", StringComparison.Ordinal) | text.Contains("\ndatasets:", StringComparison.Ordinal);
                if (whole)
                {
                    yield return ($"{page} block {index}", text, language == "json" ? ".json" : ".yaml");
                }

                index++;
            }
        }
    }

    private static string WriteDocumented(string name)
    {
        var (_, text, extension) = DocumentedPipelines().First(p => p.Name == name);
        string file = Path.Combine(Path.GetTempPath(), $"volara-doc-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(file, text);
        return file;
    }

    [GeneratedRegex("```(json|yaml)\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();
}
