using Volara.Cli.Pipelines;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Grid;
using Volara.Runtime.Engine.Tracking;

namespace Volara.Cli.Imaging;

/// <summary>
/// A task's blocks as a picture of its grid: one square per block, green when done, red when it failed in the last
/// run, grey when still to do, with a legend of the three below. A 3-d grid is shown as one panel per layer of blocks
/// along z, left to right, each labelled with its layer (<c>z=0</c>, <c>z=1</c>, …, or the bare number where a panel
/// is narrow) above it.
/// </summary>
public static class BlockOverview
{
    public static readonly Rgb Done = new(0x4c, 0xaf, 0x50);
    public static readonly Rgb Failed = new(0xe5, 0x39, 0x35);
    public static readonly Rgb Todo = new(0xd0, 0xd0, 0xd0);
    public static readonly Rgb Background = new(0xff, 0xff, 0xff);
    public static readonly Rgb Ink = new(0x30, 0x30, 0x30);

    /// <summary>Pixels per font pixel of the labels.</summary>
    public const int TextScale = 2;

    /// <summary>Space around a line of labels.</summary>
    public const int Margin = 3;

    /// <summary>Height of the band of panel labels above a 3-d grid (a 2-d grid has none).</summary>
    public static int LabelBand => (2 * Margin) + PixelFont.Height(TextScale);

    private static readonly (string Label, Rgb Colour)[] Legend = [("done", Done), ("failed", Failed), ("to do", Todo)];

    /// <summary>The picture and the counts drawn (done, failed, to do).</summary>
    public static (RgbImage Image, long Done, long Failed, long Todo) Render(IBlockwiseTask task, string logDirectory, int cellPixels)
    {
        var grid = new BlockGrid(task.Name, task.Layout);
        var marks = ReadMarks(task, logDirectory, grid.BlockCount);
        var failed = new HashSet<ulong>(LastRun.Read(logDirectory, task.Name)?.FailedBlocks ?? []);
        var cells = grid.Cells.ToArray();
        int dims = cells.Length;
        long rows = dims >= 2 ? cells[^2] : 1;
        long columns = cells[^1];
        long panels = 1;
        for (int d = 0; d < dims - 2; d++)
        {
            panels *= cells[d];
        }

        // Panels are separated by one empty cell; labels above them (3-d) and the legend below.
        int top = dims >= 3 ? LabelBand : 0;
        int gridWidth = checked((int)(((panels * columns) + panels - 1) * cellPixels));
        int gridHeight = checked((int)(rows * cellPixels));
        int legendWidth = LegendWidth();
        int width = Math.Max(gridWidth, legendWidth + (2 * Margin));
        int height = checked(top + gridHeight + LabelBand);
        var image = new RgbImage(Math.Max(1, width), height);
        image.Fill(Background);
        for (long panel = 0; dims >= 3 && panel < panels; panel++)
        {
            // "z=3" where the panel is wide enough, else the bare number, else nothing: labels never run into the next.
            long panelWidth = (columns + 1) * cellPixels;
            string label = PixelFont.Width($"z={panel}", TextScale) < panelWidth ? $"z={panel}"
                : PixelFont.Width($"{panel}", TextScale) < panelWidth ? $"{panel}" : "";
            PixelFont.Draw(image, (int)(panel * panelWidth), Margin, label, Ink, TextScale);
        }

        DrawLegend(image, top + gridHeight + Margin);
        var cell = new long[dims];
        long done = 0, failedCount = 0, todo = 0;
        for (long index = 0; index < grid.BlockCount; index++)
        {
            grid.CellOf(index, cell);
            Rgb colour;
            if (DoneBitmap.IsDone(marks, index))
            {
                colour = Done;
                done++;
            }
            else if (failed.Contains(grid.BlockId(cell)))
            {
                colour = Failed;
                failedCount++;
            }
            else
            {
                colour = Todo;
                todo++;
            }

            long panel = index / (rows * columns);
            long row = dims >= 2 ? cell[^2] : 0;
            long x = (panel * (columns + 1)) + cell[^1];

            // A one-pixel gap between blocks keeps neighbours apart once cells are a few pixels large.
            int gap = cellPixels >= 4 ? 1 : 0;
            image.FillRectangle((int)(x * cellPixels), top + (int)(row * cellPixels), cellPixels - gap, cellPixels - gap, colour);
        }

        return (image, done, failedCount, todo);
    }

    // A swatch as tall as the text, the word, then a gap, for each state.
    private static int LegendWidth() =>
        Legend.Sum(entry => PixelFont.Height(TextScale) + Margin + PixelFont.Width(entry.Label, TextScale) + (3 * Margin)) - (3 * Margin);

    private static void DrawLegend(RgbImage image, int y)
    {
        int size = PixelFont.Height(TextScale);
        int x = Margin;
        foreach (var (label, colour) in Legend)
        {
            image.FillRectangle(x, y, size, size, colour);
            x += size + Margin;
            PixelFont.Draw(image, x, y, label, Ink, TextScale);
            x += PixelFont.Width(label, TextScale) + (3 * Margin);
        }
    }

    private static byte[] ReadMarks(IBlockwiseTask task, string logDirectory, long blockCount)
    {
        string meta = TaskPaths.MetaDirectory(logDirectory, task.Name);
        string marksPath = Path.Combine(meta, DoneStore.MarksFileName);
        string layoutPath = Path.Combine(meta, DoneStore.LayoutFileName);
        if (!File.Exists(marksPath) || !File.Exists(layoutPath)
            || File.ReadAllText(layoutPath).Trim() != LayoutFingerprint.Of(task.Layout, blockCount))
        {
            return new byte[DoneBitmap.ByteLength(blockCount)];
        }

        return DoneBitmap.Read(marksPath, blockCount);
    }
}
