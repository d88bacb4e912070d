using Volara.Runtime.Datasets;
using Volara.Runtime.Datasets.Ops;
using Volara.Runtime.Geometry;

namespace Volara.Cli.Imaging;

/// <summary>
/// One section of a volume as a picture: raw intensities in grey (uint8 as stored, other types stretched from the
/// section's minimum to its maximum), labels in <see cref="LabelColors"/> laid over them with an alpha (or alone),
/// background (0) left grey. Arrays of more than two physical axes are cut at <c>z</c> along the first one;
/// channel axes show their first channel.
/// </summary>
public static class SectionImage
{
    public static (RgbImage Image, Roi Section) Render(string? rawPath, string? labelsPath, long z, double alpha)
    {
        var first = Open(rawPath ?? labelsPath!);
        var section = SectionOf(first, z, rawPath ?? labelsPath!);
        var shape = (section.Shape / first.VoxelSize).ToLongArray();
        int height = (int)shape[^2];
        int width = (int)shape[^1];
        var image = new RgbImage(width, height);
        if (rawPath is not null)
        {
            var grey = ReadPlane<double>(first, section, "float64", width * height);
            bool stretch = first.DataType.NumpyName != "uint8";
            double min = stretch ? grey.Min() : 0;
            double max = stretch ? grey.Max() : 255;
            double scale = max > min ? 255.0 / (max - min) : 0;
            for (int i = 0; i < grey.Length; i++)
            {
                image[i % width, i / width] = Rgb.Grey((byte)Math.Clamp(Math.Round((grey[i] - min) * scale), 0, 255));
            }
        }

        if (labelsPath is not null)
        {
            var labelsArray = rawPath is null ? first : Open(labelsPath);
            if (labelsArray.VoxelSize != first.VoxelSize)
            {
                throw new UsageException($"--labels '{labelsPath}' has voxel size {labelsArray.VoxelSize}, but '{rawPath}' has {first.VoxelSize}; they must match");
            }

            // Outside the labels' region the read gives the fill value (0): background.
            var labels = ReadPlane<ulong>(labelsArray, section, "uint64", width * height);
            double opacity = rawPath is null ? 1 : alpha;
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] != 0)
                {
                    var (x, y) = (i % width, i / width);
                    image[x, y] = Rgb.Blend(image[x, y], LabelColors.Of(labels[i]), opacity);
                }
            }
        }

        return (image, section);
    }

    private static VolumeArray Open(string path)
    {
        CliPaths.RequireExisting(path);
        if (!Directory.Exists(path))
        {
            throw new UsageException($"'{path}' is a file, not an array");
        }

        return new Raw { Store = path }.Array();
    }

    private static Roi SectionOf(VolumeArray array, long z, string path)
    {
        if (array.PhysicalDims < 2)
        {
            throw new UsageException($"'{path}' has {array.PhysicalDims} physical axis; a picture needs two or three");
        }

        var roi = array.Roi;
        if (array.PhysicalDims == 2)
        {
            return roi;
        }

        long depth = roi.Shape.ValueAt(0) / array.VoxelSize.ValueAt(0);
        if (z < 0 || z >= depth)
        {
            throw new UsageException($"--z {z} is outside '{path}', which has sections 0 to {depth - 1} along {array.AxisNames[array.ChannelDims]}");
        }

        var offset = roi.Offset.ToLongArray();
        var shape = roi.Shape.ToLongArray();
        offset[0] += z * array.VoxelSize.ValueAt(0);
        shape[0] = array.VoxelSize.ValueAt(0);
        for (int axis = 1; axis < array.PhysicalDims - 2; axis++)
        {
            shape[axis] = array.VoxelSize.ValueAt(axis);
        }

        return new Roi(new Coordinate(offset), new Coordinate(shape));
    }

    private static T[] ReadPlane<T>(VolumeArray array, Roi section, string type, int pixels)
        where T : unmanaged
    {
        var converted = array.WithOps(new ConvertType(type));
        var values = new T[converted.ElementCount(section)];
        converted.Read<T>(section, values);

        // C order puts the first channel's plane first.
        return values.Length == pixels ? values : values[..pixels];
    }
}
