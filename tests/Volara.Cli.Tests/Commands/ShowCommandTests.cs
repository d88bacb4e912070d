using System.Text.Json.Nodes;
using SkiaSharp;
using Volara.Cli.Imaging;
using Volara.Cli.Tests.Support;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Tests.Commands;

public sealed class ShowCommandTests
{
    [Fact]
    public void DrawsRawSectionInGreyWithLabelsBlendedOver()
    {
        using var temp = new TempDirectory();
        byte[] raw = SampleVolume.WriteRaw(temp.Combine("data.zarr", "raw"));
        ulong[] labels = WriteLabels(temp.Combine("data.zarr", "seg"));

        var result = VolaraProcess.RunIn(temp.Path, "show", "data.zarr/raw", "--z", "5", "--labels", "data.zarr/seg", "--alpha", "0.25", "-o", "slice.png");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var image = Decode(temp.Combine("slice.png"));
        Assert.Equal((32, 32), (image.Width, image.Height));
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 32; x++)
            {
                int voxel = (5 * 32 * 32) + (y * 32) + x;
                var grey = Rgb.Grey(raw[voxel]);
                var expected = labels[voxel] == 0 ? grey : Blend(grey, LabelColors.Of(labels[voxel]), 0.25);
                Assert.Equal(expected, Pixel(image, x, y));
            }
        }
    }

    [Fact]
    public void DrawsAnUnsignedLabelArrayAloneInItsColours()
    {
        using var temp = new TempDirectory();
        ulong[] labels = WriteLabels(temp.Combine("seg"));

        var result = VolaraProcess.RunIn(temp.Path, "show", "seg", "--z", "0", "--scale", "2", "-o", "labels.png", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(64, JsonNode.Parse(result.Stdout)!["width"]!.GetValue<int>());
        using var image = Decode(temp.Combine("labels.png"));
        Assert.Equal(new Rgb(0, 0, 0), Pixel(image, 1, 1));
        Assert.Equal(LabelColors.Of(labels[(20 * 32) + 4]), Pixel(image, 9, 41));
        Assert.Equal(LabelColors.Of(labels[(20 * 32) + 4]), Pixel(image, 8, 40));
        Assert.Equal(LabelColors.Of(labels[(4 * 32) + 20]), Pixel(image, 41, 9));
        Assert.NotEqual(Pixel(image, 9, 41), Pixel(image, 41, 9));
    }

    [Fact]
    public void LabelColoursDependOnTheIdAloneAndDifferForNeighbours()
    {
        // Pinned: a colour change would recolour every picture users have compared before.
        Assert.Equal("#57dc6e", LabelColors.Of(1).ToString());
        var colours = Enumerable.Range(1, 64).Select(id => LabelColors.Of((ulong)id)).ToList();
        Assert.Equal(64, colours.Distinct().Count());
        Assert.Equal(LabelColors.Of(123456789012), LabelColors.Of(123456789012));
    }

    [Fact]
    public void StretchesFloatDataFromItsMinimumToItsMaximum()
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("probs"), new ZarrArrayOptions { Shape = [2, 4], ChunkShape = [2, 4], DataType = DataType.Float32 });
        array.Write<float>([0, 0], [2, 4], [0.5f, 0.75f, 1f, 0.5f, 0.5f, 0.5f, 0.5f, 0.625f]);

        var result = VolaraProcess.RunIn(temp.Path, "show", "probs", "-o", "probs.png");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var image = Decode(temp.Combine("probs.png"));
        Assert.Equal([0, 128, 255, 0, 0, 0, 0, 64], Enumerable.Range(0, 8).Select(i => (int)Pixel(image, i % 4, i / 4).R));
    }

    [Fact]
    public void RefusesASectionOutsideTheArray()
    {
        using var temp = new TempDirectory();
        SampleVolume.WriteRaw(temp.Combine("raw"));

        var result = VolaraProcess.RunIn(temp.Path, "show", "raw", "--z", "8", "-o", "x.png");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("volara: error: --z 8 is outside 'raw', which has sections 0 to 7 along d0\n", result.Stderr);
        Assert.False(File.Exists(temp.Combine("x.png")));
    }

    [Fact]
    public void DrawsTheDoneStoreOfATaskWithItsFailedBlocks()
    {
        using var temp = new TempDirectory();
        SampleVolume.TwoThresholdsYaml(temp.Path);
        File.WriteAllBytes(temp.Combine("data.zarr", "raw", "1.0.1"), [1, 2, 3]);
        Assert.Equal(1, VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "serial").ExitCode);

        var result = VolaraProcess.RunIn(temp.Path, "show-blocks", "pipeline.yaml", "--task", "a", "--cell", "4", "-o", "blocks.png", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.Equal((7, 1, 0), (json["done"]!.GetValue<long>(), json["failed"]!.GetValue<long>(), json["todo"]!.GetValue<long>()));

        // Grid 2×2×2: two panels of 2×2 cells with a one-cell gap, 4 pixels per cell (20×8 pixels), below a band of
        // panel labels and above the legend.
        using var image = Decode(temp.Combine("blocks.png"));
        int top = BlockOverview.LabelBand;
        Assert.Equal(top + 8 + BlockOverview.LabelBand, image.Height);
        for (int z = 0; z < 2; z++)
        {
            for (int y = 0; y < 2; y++)
            {
                for (int x = 0; x < 2; x++)
                {
                    var expected = (z, y, x) == (1, 0, 1) ? BlockOverview.Failed : BlockOverview.Done;
                    Assert.Equal(expected, Pixel(image, (((z * 3) + x) * 4) + 1, top + (y * 4) + 1));
                }
            }
        }

        Assert.Equal(BlockOverview.Background, Pixel(image, 9, top + 1));

        // Each panel is labelled with its layer (too narrow for "z=": the numbers 0 and 1, which differ) ...
        var labels = Enumerable.Range(0, 2).Select(z => Band(image, z * 12, 12, 0, top)).ToList();
        Assert.All(labels, label => Assert.Contains(BlockOverview.Ink, label));
        Assert.NotEqual(labels[0], labels[1]);

        // ... and the legend shows the three states' colours beside their words.
        var legend = Band(image, 0, image.Width, top + 8, image.Height - top - 8);
        Assert.Contains(BlockOverview.Done, legend);
        Assert.Contains(BlockOverview.Failed, legend);
        Assert.Contains(BlockOverview.Todo, legend);
        Assert.True(legend.Count(pixel => pixel == BlockOverview.Ink) > 100, "the legend's words are drawn");
    }

    private static List<Rgb> Band(SKBitmap image, int x, int width, int y, int height) =>
        [.. from row in Enumerable.Range(y, height) from column in Enumerable.Range(x, Math.Min(width, image.Width - x)) select Pixel(image, column, row)];

    private static ulong[] WriteLabels(string path)
    {
        var labels = new ulong[8 * 32 * 32];
        for (int z = 0; z < 8; z++)
        {
            for (int y = 0; y < 32; y++)
            {
                for (int x = 0; x < 32; x++)
                {
                    labels[(z * 1024) + (y * 32) + x] = (y < 16, x < 16) switch
                    {
                        (true, true) => 0,
                        (true, false) => 7,
                        (false, true) => 123456789012,
                        _ => (ulong)(z + 1),
                    };
                }
            }
        }

        var array = ZarrArray.Create(path, new ZarrArrayOptions
        {
            Shape = [8, 32, 32],
            ChunkShape = [4, 16, 16],
            DataType = DataType.UInt64,
            Attributes = new JsonObject { ["voxel_size"] = new JsonArray(4, 2, 2), ["offset"] = new JsonArray(0, 0, 0) },
        });
        array.Write<ulong>([0, 0, 0], [8, 32, 32], labels);
        return labels;
    }

    // Written independently of the implementation: alpha of the colour over the grey, rounded.
    private static Rgb Blend(Rgb grey, Rgb colour, double alpha) => new(
        (byte)Math.Round((grey.R * (1 - alpha)) + (colour.R * alpha)),
        (byte)Math.Round((grey.G * (1 - alpha)) + (colour.G * alpha)),
        (byte)Math.Round((grey.B * (1 - alpha)) + (colour.B * alpha)));

    private static SKBitmap Decode(string png) => SKBitmap.Decode(png) ?? throw new InvalidDataException($"{png} is not a PNG");

    private static Rgb Pixel(SKBitmap image, int x, int y)
    {
        var colour = image.GetPixel(x, y);
        Assert.Equal(255, colour.Alpha);
        return new Rgb(colour.Red, colour.Green, colour.Blue);
    }
}
