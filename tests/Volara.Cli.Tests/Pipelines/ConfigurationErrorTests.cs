using Volara.Cli.Tests.Support;

namespace Volara.Cli.Tests.Pipelines;

/// <summary>
/// The catalogue of configuration errors: each file is refused before anything runs, with every problem on its
/// own line — file, line:column, JSON pointer, message — in file order, and exit code 2.
/// </summary>
public sealed class ConfigurationErrorTests
{
    private const string Raw = "datasets:\n  raw: {dataset_type: raw, store: data.zarr/raw}\n";

    [Fact]
    public void ReportsEveryProblemOfAFileAtOnceWithItsLocation()
    {
        string stderr = Refused(
            "log_dir: logs\n" +
            "colour: blue\n" +
            Raw +
            "tasks:\n" +
            "  a:\n" +
            "    task_type: threshold\n" +
            "    in_data: $raw\n" +
            "    mask: {dataset_type: labels, store: data.zarr/mask}\n" +
            "    threshold: 100\n" +
            "    block_size: [4, 16]\n" +
            "  b:\n" +
            "    task_type: threshold\n" +
            "    in_data: $rwa\n" +
            "    mask: {dataset_type: labels, store: data.zarr/mask2}\n" +
            "    threshold: 0\n" +
            "    block_size: [4, 16, 16]\n" +
            "  c:\n" +
            "    task_type: thresold\n" +
            "  d:\n" +
            "    task_type: threshold\n" +
            "    in_data: $raw\n" +
            "    threshold: 1\n" +
            "    block_size: [4, 16, 16]\n" +
            "  e:\n" +
            "    task_type: threshold\n" +
            "    in_data: $raw\n" +
            "    mask: {dataset_type: labels, store: data.zarr/mask3}\n" +
            "    threshold: high\n" +
            "    block_size: [4, 16, 16]\n" +
            "pipeline: a + b + x\n");

        Assert.Equal(
            """
            volara: error: pipeline.yaml:2:1: /colour: unknown field 'colour' (expected one of $schema, log_dir, execution, datasets, databases, tasks, pipeline)
            volara: error: pipeline.yaml:11:5: /tasks/a/block_size: task 'a': block_size (4, 16) has 2 values, the data has 3 physical axes
            volara: error: pipeline.yaml:14:5: /tasks/b/in_data: '$rwa' names no entry of datasets or databases ($raw)
            volara: error: pipeline.yaml:19:5: /tasks/c/task_type: unknown task_type 'thresold'; known task types: aff-agglom, apply_shifts, argmax, compute_shift, distance-agglom, evaluate, extract-frags, graph-mws, predict, relabel, seeded-extract-frags, threshold
            volara: error: pipeline.yaml:20:3: /tasks/d: task 'd' needs the field 'mask'
            volara: error: pipeline.yaml:29:5: /tasks/e/threshold: task 'e': threshold must be a number, not "high"
            volara: error: pipeline.yaml:31:1: /pipeline: no task named 'x' (the tasks are 'a', 'b', 'c', 'd', 'e')

            """,
            stderr);
    }

    [Theory]
    [InlineData("num_workers: 0", 5, 44, "num_workers", "num_workers must be at least 1, not 0")]
    [InlineData("max_retries: -1", 5, 44, "max_retries", "max_retries must be 0 or more, not -1")]
    [InlineData("block_timeout: 0", 5, 44, "block_timeout", "block_timeout must be a positive number of seconds, not 0")]
    public void RefusesExecutionOptionsThatCannotRun(string option, int line, int column, string field, string problem)
    {
        string stderr = Refused(Raw + $"tasks:\n  a: {{task_type: threshold, in_data: $raw, mask: {{dataset_type: labels, store: data.zarr/m}}, threshold: 1,\n      block_size: [4, 16, 16], execution: {{{option}}}}}\n");

        Assert.Equal($"volara: error: pipeline.yaml:{line}:{column}: /tasks/a/execution/{field}: task 'a': execution: {problem}\n", stderr);
    }

    [Theory]
    [InlineData("raw", "\"raw\"")]
    [InlineData("[1, 2]", "[1,2]")]
    [InlineData("7", "7")]
    public void RefusesAValueThatIsNotADatasetNamingTheFieldAndWithoutTheSerializersWords(string value, string shown)
    {
        string stderr = Refused(Raw + $"tasks:\n  a: {{task_type: threshold, in_data: {value}, mask: {{dataset_type: labels, store: data.zarr/m}}, threshold: 1, block_size: [4, 16, 16]}}\n");

        Assert.Equal($"volara: error: pipeline.yaml:4:29: /tasks/a/in_data: task 'a': in_data must be a dataset {{dataset_type, store, ...}}, not {shown}\n", stderr);
    }

    [Theory]
    [InlineData("[4, 0, 16]", "block_size (4, 0, 16) must be positive in every axis")]
    [InlineData("[4, -16, 16]", "block_size (4, -16, 16) must be positive in every axis")]
    [InlineData("[4, 16, 16, 16]", "block_size (4, 16, 16, 16) has 4 values, the data has 3 physical axes")]
    public void RefusesBlockSizesByTheDslRule(string blockSize, string message)
    {
        string stderr = Refused(Raw + $"tasks:\n  a: {{task_type: threshold, in_data: $raw, mask: {{dataset_type: labels, store: data.zarr/m}}, threshold: 1,\n      block_size: {blockSize}}}\n");

        Assert.Equal($"volara: error: pipeline.yaml:5:7: /tasks/a/block_size: task 'a': {message}\n", stderr);
    }

    [Fact]
    public void RefusesTwoWritersOfOneDataset()
    {
        string stderr = Refused(
            Raw +
            "tasks:\n" +
            "  a: {task_type: threshold, in_data: $raw, mask: {dataset_type: labels, store: data.zarr/m}, threshold: 1, block_size: [4, 16, 16]}\n" +
            "  b: {task_type: threshold, in_data: $raw, mask: {dataset_type: labels, store: data.zarr/m/}, threshold: 2, block_size: [4, 16, 16]}\n" +
            "pipeline: a | b\n");

        Assert.Equal("volara: error: pipeline.yaml:5:44: /tasks/b/mask: tasks 'a' (mask) and 'b' (mask) both write 'data.zarr/m/'; a dataset has one writer\n", stderr);
    }

    [Fact]
    public void RefusesTasksThatReadEachOthersOutputs()
    {
        string stderr = Refused(
            "tasks:\n" +
            "  a: {task_type: threshold, in_data: {dataset_type: raw, store: data.zarr/x}, mask: {dataset_type: labels, store: data.zarr/y}, threshold: 1, block_size: [4, 16, 16]}\n" +
            "  b: {task_type: threshold, in_data: {dataset_type: raw, store: data.zarr/y}, mask: {dataset_type: labels, store: data.zarr/x}, threshold: 1, block_size: [4, 16, 16]}\n");

        Assert.Equal("volara: error: pipeline.yaml:2:3: /tasks/a: the tasks read each other's outputs in a cycle: 'a' → 'b' → 'a'\n", stderr);
    }

    [Fact]
    public void RefusesACompositionThatRunsATaskAfterItself()
    {
        string stderr = Refused(
            Raw +
            "tasks:\n" +
            "  a: {task_type: threshold, in_data: $raw, mask: {dataset_type: labels, store: data.zarr/m}, threshold: 1, block_size: [4, 16, 16]}\n" +
            "pipeline: a + (a)\n");

        Assert.Equal("volara: error: pipeline.yaml:5:1: /pipeline: task 'm-threshold' cannot run after itself\n", stderr);
    }

    [Theory]
    [InlineData("a +", "expected a task name at the end at column 4 of 'a +'")]
    [InlineData("((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a", "parentheses nest deeper than 64 levels at column 65 of '((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a'")]
    [InlineData("(a | b", "expected ')' at column 7 of '(a | b'")]
    [InlineData("a b", "unexpected 'b' at column 3 of 'a b'")]
    public void RefusesAMalformedComposition(string expression, string message)
    {
        string stderr = Refused(
            Raw +
            "tasks:\n" +
            "  a: {task_type: threshold, in_data: $raw, mask: {dataset_type: labels, store: data.zarr/m}, threshold: 1, block_size: [4, 16, 16]}\n" +
            "  b: {task_type: threshold, in_data: $raw, mask: {dataset_type: labels, store: data.zarr/n}, threshold: 1, block_size: [4, 16, 16]}\n" +
            $"pipeline: \"{expression}\"\n");

        Assert.Equal($"volara: error: pipeline.yaml:6:1: /pipeline: {message}\n", stderr);
    }

    [Fact]
    public void RefusesATaskLeftOutOfTheComposition()
    {
        string stderr = Refused(
            Raw +
            "tasks:\n" +
            "  a: {task_type: threshold, in_data: $raw, mask: {dataset_type: labels, store: data.zarr/m}, threshold: 1, block_size: [4, 16, 16]}\n" +
            "  b: {task_type: threshold, in_data: $raw, mask: {dataset_type: labels, store: data.zarr/n}, threshold: 1, block_size: [4, 16, 16]}\n" +
            "pipeline: a\n");

        Assert.Equal("volara: error: pipeline.yaml:5:3: /tasks/b: task 'b' is not part of the pipeline expression 'a'\n", stderr);
    }

    [Fact]
    public void LocatesProblemsInJsonFilesToo()
    {
        using var temp = new TempDirectory();
        SampleVolume.WriteRaw(temp.Combine("data.zarr", "raw"));
        File.WriteAllText(temp.Combine("pipeline.json"), """
            [
              {
                "task_type": "threshold",
                "in_data": {"dataset_type": "raw", "store": "data.zarr/raw"},
                "mask": {"dataset_type": "labels", "store": "data.zarr/m"},
                "threshold": true,
                "block_size": [4, 16, 16],
              }
            ]
            """);

        var result = VolaraProcess.RunIn(temp.Path, "run", "pipeline.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("volara: error: pipeline.json:6:5: /0/threshold: task 0: threshold must be a number, not true\n", result.Stderr);
    }

    [Fact]
    public void AnInputThatNeitherExistsNorIsWrittenByATaskIsAnErrorAtItsField()
    {
        string stderr = Refused("""
            tasks:
              mask:
                task_type: threshold
                in_data: {dataset_type: raw, store: data.zarr/rwa}
                mask: {dataset_type: labels, store: data.zarr/mask}
                threshold: 0.5
                block_size: [4, 16, 16]
              argmax:
                task_type: argmax
                probs_data: {dataset_type: raw, store: data.zarr/mask}
                sem_data: {dataset_type: labels, store: data.zarr/classes}
                block_size: [4, 16, 16]
            """);

        Assert.Equal(
            "volara: error: pipeline.yaml:4:5: /tasks/mask/in_data: task 'mask': in_data 'data.zarr/rwa' does not exist, and no task of this file writes it\n",
            stderr);
    }

    [Fact]
    public void ATaskCheckAgainstItsExistingInputIsAnErrorAtItsField()
    {
        // Three classes stored; combine_classes names channel 5. The task's own check knows it as soon as the input exists.
        using var temp = new TempDirectory();
        new Runtime.Datasets.Raw { Store = temp.Combine("data.zarr", "probs") }.Prepare(
            [3, 4, 8, 8], [3, 4, 8, 8], new Runtime.Geometry.Coordinate(0, 0, 0), new Runtime.Geometry.Coordinate(1, 1, 1),
            ["nm", "nm", "nm"], ["c^", "z", "y", "x"], ["channel", "space", "space", "space"], Runtime.Storage.DataType.Float32);
        File.WriteAllText(temp.Combine("pipeline.yaml"), """
            tasks:
              classes:
                task_type: argmax
                probs_data: {dataset_type: raw, store: data.zarr/probs}
                sem_data: {dataset_type: labels, store: data.zarr/classes}
                combine_classes: [[0, 1], [2, 5]]
                block_size: [4, 8, 8]
            """);

        var result = VolaraProcess.RunIn(temp.Path, "plan", "pipeline.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "volara: error: pipeline.yaml:6:5: /tasks/classes/combine_classes: task 'classes': combine_classes names channel 5, but probs_data has 3 channels\n",
            result.Stderr);
    }

    [Fact]
    public void ALabelsInputThatWillHaveChannelsIsAnErrorBeforeAnythingRuns()
    {
        // threshold keeps the 3 channels of its input (volara's semantics); evaluate would read only channel 0 of the mask.
        using var temp = new TempDirectory();
        WriteChannels(temp.Combine("data.zarr", "probs"), channels: 3);
        File.WriteAllText(temp.Combine("pipeline.yaml"), """
            tasks:
              mask:
                task_type: threshold
                in_data: {dataset_type: raw, store: data.zarr/probs}
                mask: {dataset_type: labels, store: data.zarr/mask}
                threshold: 0.5
                block_size: [4, 8, 8]
              score:
                task_type: evaluate
                gt_data: {dataset_type: labels, store: data.zarr/mask}
                seg_data: {dataset_type: labels, store: data.zarr/mask}
                block_size: [4, 8, 8]
                results_file: scores.json
            pipeline: mask + score
            """);

        var result = VolaraProcess.RunIn(temp.Path, "plan", "pipeline.yaml");

        Assert.Equal(2, result.ExitCode);
        string problem = "has 1 channel axis, but labels are read spatial: the task would see only the first channel (select one with the dataset's 'channels', or write it spatial-only) (as task 'mask' writes it)";
        Assert.Equal(
            $"volara: error: pipeline.yaml:10:5: /tasks/score/gt_data: task 'score': 'data.zarr/mask' {problem}\n" +
            $"volara: error: pipeline.yaml:11:5: /tasks/score/seg_data: task 'score': 'data.zarr/mask' {problem}\n",
            result.Stderr);
        Assert.False(Directory.Exists(temp.Combine("data.zarr", "mask")));
    }

    [Fact]
    public void AnExistingInputWithTheWrongChannelAxesIsAnErrorAtItsField()
    {
        using var temp = new TempDirectory();
        WriteChannels(temp.Combine("data.zarr", "probs"), channels: 9);
        File.WriteAllText(temp.Combine("pipeline.yaml"), """
            tasks:
              score:
                task_type: evaluate
                gt_data: {dataset_type: labels, store: data.zarr/probs}
                seg_data: {dataset_type: labels, store: data.zarr/probs, channels: 0}
                block_size: [4, 8, 8]
                results_file: scores.json
            """);

        var result = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "volara: error: pipeline.yaml:4:5: /tasks/score/gt_data: task 'score': 'data.zarr/probs' has 1 channel axis (9 channels), but labels are read spatial: the task would see only the first channel (select one with the dataset's 'channels', or write it spatial-only)\n",
            result.Stderr);
        Assert.False(File.Exists(temp.Combine("scores.json")));
    }

    private static void WriteChannels(string store, int channels) =>
        new Runtime.Datasets.Raw { Store = store }.Prepare(
            [channels, 4, 8, 8], [channels, 4, 8, 8], new Runtime.Geometry.Coordinate(0, 0, 0), new Runtime.Geometry.Coordinate(1, 1, 1),
            ["nm", "nm", "nm"], ["c^", "z", "y", "x"], ["channel", "space", "space", "space"], Runtime.Storage.DataType.UInt8);

    [Fact]
    public void UnknownFieldsInDatasetsAndExecutionAreErrorsWithWhatWasMeant()
    {
        string stderr = Refused("""
            execution: {num_worker: 2}
            datasets:
              raw: {dataset_type: raw, store: data.zarr/raw, voxelsize: [4, 2, 2]}
            tasks:
              mask:
                task_type: threshold
                in_data: $raw
                mask: {dataset_type: labels, store: data.zarr/mask, wirtable: true}
                threshold: 0.5
                block_size: [4, 16, 16]
                execution: {max_retry: 1}
            """);

        Assert.Equal(
            """
            volara: error: pipeline.yaml:1:13: /execution/num_worker: execution: unknown field 'num_worker' (did you mean 'num_workers'?); the fields of execution are num_workers, max_retries, block_timeout, chunk_cache_mb, worker_config
            volara: error: pipeline.yaml:3:50: /datasets/raw/voxelsize: datasets entry 'raw': unknown field 'voxelsize' (did you mean 'voxel_size'?); the fields of raw datasets are dataset_type, ome_norm, scale_shift, stack, store, voxel_size, offset, axis_names, units, writable, channels, flip, ops
            volara: error: pipeline.yaml:8:57: /tasks/mask/mask/wirtable: task 'mask': mask: unknown field 'wirtable' (did you mean 'writable'?); the fields of labels datasets are dataset_type, store, voxel_size, offset, axis_names, units, writable, channels, flip, ops
            volara: error: pipeline.yaml:11:17: /tasks/mask/execution/max_retry: task 'mask': execution: unknown field 'max_retry' (did you mean 'max_retries'?); the fields of execution are num_workers, max_retries, block_timeout, chunk_cache_mb, worker_config

            """,
            stderr);
    }

    [Fact]
    public void ReportsYamlSyntaxErrorsWithTheirLine()
    {
        string stderr = Refused("tasks:\n  a: [1\n");

        Assert.Equal("volara: error: pipeline.yaml:3:1: not valid YAML: While parsing a flow sequence, did not find expected ',' or ']'.\n", stderr);
    }

    [Fact]
    public void AValueOfAMegabyteIsShortenedInTheMessage()
    {
        string stderr = Refused(
            Raw +
            "tasks:\n" +
            "  a: {task_type: threshold, in_data: $raw, mask: {dataset_type: labels, store: data.zarr/m}, threshold: \"" + new string('x', 1_000_000) + "\", block_size: [4, 16, 16]}\n");

        Assert.InRange(stderr.Length, 100, 600);
        Assert.Contains("(1,000,002 characters)", stderr);
    }

    [Fact]
    public void RefusesNestingDeeperThanSixtyFourLevelsAtItsPlaceInsteadOfExhaustingTheStack()
    {
        string stderr = Refused("tasks: " + new string('[', 100_000) + "\n");

        Assert.Equal("volara: error: pipeline.yaml:1:71: mappings and lists nest deeper than 64 levels here\n", stderr);
    }

    private static string Refused(string yaml)
    {
        using var temp = new TempDirectory();
        SampleVolume.WriteRaw(temp.Combine("data.zarr", "raw"));
        File.WriteAllText(temp.Combine("pipeline.yaml"), yaml);

        var result = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "serial");

        Assert.True(result.ExitCode == 2, result.Stderr);
        Assert.False(Directory.Exists(temp.Combine("volara_logs")), "nothing may run when the configuration has problems");
        Assert.False(Directory.Exists(temp.Combine("data.zarr", "mask")));
        return result.Stderr;
    }
}
