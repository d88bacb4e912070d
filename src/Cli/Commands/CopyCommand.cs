using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Volara.Cli.Copy;
using Volara.Cli.Parsing;
using Volara.Runtime.Progress;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Commands;

/// <summary>
/// <c>volara copy SRC DST [--format 2|3] [--codec ...] [--chunks a,b,c] [--shards a,b,c] [--overwrite]</c>:
/// re-encodes and re-chunks an array, keeping its attributes, copying whole destination chunks in parallel.
/// </summary>
public static class CopyCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new Argument<string>("SRC") { Description = "The array to read." };
        var destination = new Argument<string>("DST") { Description = "The array to create." };
        var format = ParsedOption.Create<int?>("--format", "Zarr format of DST: 2 or 3 (default: as SRC).", ParseFormat);
        var codec = ParsedOption.Create<string?>("--codec", $"Compression of DST: {string.Join(", ", CodecChoice.Names)} (default: as SRC).", CodecChoice.Parse);
        var chunks = ParsedOption.Create<int[]?>("--chunks", "Chunk shape of DST, e.g. 64,64,64 (default: as SRC).", ShapeText.Parse);
        var shards = ParsedOption.Create<int[]?>("--shards", "Shard shape of DST (format 3 only), a multiple of the chunk shape.", ShapeText.Parse);
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace DST if it exists." };
        var json = CommandHelp.Json();
        var command = new Command("copy", CommandHelp.Describe(
            "Copy an array, changing format, compression, chunking or sharding.",
            "volara copy raw.zarr/raw raw-v3.zarr/raw --format 3 --codec blosc-zstd --chunks 64,64,64",
            "volara copy raw.zarr/raw sharded.zarr/raw --format 3 --shards 256,256,256"))
        {
            source, destination, format, codec, chunks, shards, overwrite, json,
        };
        command.SetAction(parsed =>
        {
            CliPaths.RequireExisting(parsed.GetRequiredValue(source));
            var request = new CopyRequest(
                parsed.GetRequiredValue(source),
                parsed.GetRequiredValue(destination),
                parsed.GetValue(format),
                parsed.GetValue(codec),
                Shape(parsed, chunks),
                Shape(parsed, shards),
                parsed.GetValue(overwrite));
            Execute(request, console, parsed.GetValue(json));
            return VolaraApp.Success;
        });
        return command;
    }

    public static void Execute(CopyRequest request, CliConsole console, bool json = false)
    {
        RequireApart(request.Source, request.Destination);
        var source = ZarrArray.Open(request.Source);
        var options = DestinationPlanner.Plan(source, request);
        if (!request.Overwrite && (ZarrArray.Exists(request.Destination) || IsNonEmptyDirectory(request.Destination)))
        {
            throw new UsageException($"destination '{request.Destination}' already exists (pass --overwrite to replace it)");
        }

        var grid = new RegionGrid(
            source.Shape,
            options.ShardShape ?? options.ChunkShape,
            options.ChunkShape,
            [.. source.ShardShape ?? source.ChunkShape],
            source.DataType.Size);

        // The copy is built beside the destination and takes its place only when complete: an existing destination
        // stays whole if the copy fails or is killed.
        var clock = Stopwatch.StartNew();
        long bytes;
        using (var replacement = ZarrArray.CreateReplacement(request.Destination, options, overwrite: request.Overwrite))
        {
            using var progress = new ProgressReporter(console.Error, "copy", grid.TotalChunks, new ProgressOptions { Unit = "chunks", Redraw = console.ErrorIsTerminal });
            bytes = ArrayCopier.Copy(source, replacement.Array, grid, progress, Environment.ProcessorCount);
            replacement.Commit();
            progress.Complete();
        }

        double seconds = clock.Elapsed.TotalSeconds;
        if (json)
        {
            Output.JsonText.Write(console.Out, new System.Text.Json.Nodes.JsonObject
            {
                ["source"] = request.Source,
                ["destination"] = request.Destination,
                ["chunks_written"] = grid.TotalChunks,
                ["bytes"] = bytes,
                ["seconds"] = Math.Round(seconds, 3),
            });
            return;
        }

        console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"copied '{request.Source}' to '{request.Destination}': {grid.TotalChunks} chunks, {bytes / 1e6:0.0} MB in {seconds:0.00} s ({bytes / 1e6 / Math.Max(seconds, 1e-9):0.0} MB/s)"));
        console.Out.Flush();
    }

    /// <summary>Source and destination are different places, neither inside the other (links resolved): replacing one must not touch the other.</summary>
    private static void RequireApart(string source, string destination)
    {
        string from = RealPaths.Of(source);
        string to = RealPaths.Of(destination);
        if (from == to)
        {
            throw new UsageException($"source and destination are the same array '{source}'");
        }

        if (RealPaths.IsWithin(from, to) || RealPaths.IsWithin(to, from))
        {
            var (outer, inner) = RealPaths.IsWithin(from, to) ? (destination, source) : (source, destination);
            throw new UsageException($"'{inner}' lies inside '{outer}': copy between separate places (the destination is replaced as a whole)");
        }
    }

    private static bool IsNonEmptyDirectory(string path) => Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any();

    // An absent array option reads back as an empty array; our parser never yields one, so empty means absent.
    private static int[]? Shape(ParseResult parsed, Option<int[]?> option) => parsed.GetValue(option) is { Length: > 0 } shape ? shape : null;

    private static int? ParseFormat(string text) => text switch
    {
        "2" => 2,
        "3" => 3,
        _ => throw new FormatException($"expected 2 or 3, got '{text}'"),
    };
}
