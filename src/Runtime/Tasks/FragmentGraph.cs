using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Tasks.Kernels;

namespace Volara.Runtime.Tasks;

/// <summary>Turns block results into graph rows: fragment nodes (ExtractFrags) and scored edges (AffAgglom).</summary>
public static class FragmentGraph
{
    /// <summary>
    /// One node per fragment: <c>size</c> = voxel count, <c>position</c> = write ROI offset + voxel size × truncated
    /// centroid (world units); <c>filtered</c> is left null as volara leaves it.
    /// </summary>
    public static NodeTable Nodes(IGraphDatabase db, FragmentNodes fragments, Roi writeRoi, Coordinate voxelSize)
    {
        if (db.Schema.Dims != fragments.Dims)
        {
            throw new ArgumentException($"graph '{db.Name}' has {db.Schema.Dims}-D positions, the fragments are {fragments.Dims}-D (set the database's ndim)");
        }

        var nodes = db.CreateNodeTable(fragments.Count);
        nodes.Resize(fragments.Count);
        var ids = nodes.Ids;
        var positions = nodes.Positions;
        var sizes = nodes.Ints("size").Values;
        var filtered = nodes.Column("filtered");
        int dims = fragments.Dims;
        for (int node = 0; node < fragments.Count; node++)
        {
            ids[node] = fragments.Ids[node];
            sizes[node] = fragments.Sizes[node];
            filtered.SetNull(node);
            for (int d = 0; d < dims; d++)
            {
                positions[(node * dims) + d] = writeRoi.Offset.ValueAt(d) + (voxelSize.ValueAt(d) * fragments.Centroid(node, d));
            }
        }

        return nodes;
    }

    /// <summary>
    /// One edge per fragment pair with a float column per score (null where the pair had no samples of that score);
    /// <c>distance</c> is left null as volara leaves it.
    /// </summary>
    public static EdgeTable Edges(IGraphDatabase db, FragmentEdges fragments, IReadOnlyList<string> scoreNames)
    {
        var edges = db.CreateEdgeTable(fragments.Count);
        edges.Resize(fragments.Count);
        var u = edges.U;
        var v = edges.V;
        var columns = new FloatColumn[scoreNames.Count];
        for (int score = 0; score < scoreNames.Count; score++)
        {
            columns[score] = edges.HasColumn(scoreNames[score])
                ? edges.Floats(scoreNames[score])
                : throw new ArgumentException($"graph '{db.Name}' declares no edge attribute '{scoreNames[score]}' (add it to edge_attrs as \"float\")");
        }

        var distance = edges.Column("distance");
        for (int edge = 0; edge < fragments.Count; edge++)
        {
            u[edge] = fragments.U(edge);
            v[edge] = fragments.V(edge);
            distance.SetNull(edge);
            for (int score = 0; score < columns.Length; score++)
            {
                double value = fragments.Score(edge, score);
                if (double.IsNaN(value))
                {
                    columns[score].SetNull(edge);
                }
                else
                {
                    columns[score][edge] = (float)value;
                }
            }
        }

        return edges;
    }
}
