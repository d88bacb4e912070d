using Volara.Runtime.Geometry;
using Volara.Runtime.Storage.Ome;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Datasets;

/// <summary>
/// Metadata of an array that is a resolution level of an OME-Zarr image: the nearest ancestor group with OME
/// multiscales metadata whose datasets list the array gives axis names/types/units, voxel size (effective scale) and
/// offset (effective translation). Values are truncated to integers, as funlib does.
/// </summary>
public static class OmeAncestorMetadata
{
    /// <summary>The OME metadata for the array at <paramref name="arrayPath"/>, or null when no enclosing image lists it.</summary>
    public static MetadataOverrides? Find(string arrayPath)
    {
        var full = System.IO.Path.GetFullPath(arrayPath).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        for (var group = System.IO.Path.GetDirectoryName(full); group is not null && ZarrGroup.Exists(group); group = System.IO.Path.GetDirectoryName(group))
        {
            if (!OmeMultiscales.Exists(group))
            {
                continue;
            }

            var relative = System.IO.Path.GetRelativePath(group, full).Replace(System.IO.Path.DirectorySeparatorChar, '/');
            foreach (var multiscales in OmeMultiscales.ReadAll(group))
            {
                foreach (var dataset in multiscales.Datasets)
                {
                    if (dataset.Path.Trim('/') == relative)
                    {
                        return Build(multiscales, dataset, full);
                    }
                }
            }
        }

        return null;
    }

    private static MetadataOverrides Build(OmeMultiscales multiscales, OmeDataset dataset, string arrayPath)
    {
        var dims = multiscales.Axes.Count;
        if (dataset.Scale.Count != dims || (dataset.Translation is { } t && t.Count != dims))
        {
            throw new InvalidMetadataException($"OME transforms of '{arrayPath}' do not have one entry per axis ({dims} axes)");
        }

        var types = new string[dims];
        var names = new string[dims];
        var units = new List<string>();
        var voxelSize = new long[dims];
        var offset = new long[dims];
        for (var i = 0; i < dims; i++)
        {
            var axis = multiscales.Axes[i];
            names[i] = axis.Name;
            types[i] = axis.Type ?? axis.Name switch
            {
                "c" => AxisTypes.Channel,
                "t" => AxisTypes.Time,
                _ => AxisTypes.Space,
            };
            if (AxisTypes.IsPhysical(types[i]))
            {
                units.Add(axis.Unit ?? string.Empty);
            }

            // OME applies the dataset transforms first, then the multiscales-level ones.
            var outerScale = multiscales.Scale?[i] ?? 1.0;
            voxelSize[i] = (long)Math.Truncate(dataset.Scale[i] * outerScale);
            offset[i] = (long)Math.Truncate(((dataset.Translation?[i] ?? 0.0) * outerScale) + (multiscales.Translation?[i] ?? 0.0));
        }

        return new MetadataOverrides
        {
            AxisNames = names,
            Types = types,
            Units = units,
            VoxelSize = new Coordinate(voxelSize),
            Offset = new Coordinate(offset),
        };
    }
}
