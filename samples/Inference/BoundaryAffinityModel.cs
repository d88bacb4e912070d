using TorchSharp;
using Volara.Runtime.Geometry;
using static TorchSharp.torch;

namespace Volara.Samples.Inference;

/// <summary>
/// A hand-made "network" that turns raw intensities (bright cells, dark boundaries, scaled to [0, 1]) into one affinity
/// per offset of the README neighbourhood: the affinity of (p, p + o) is <c>sigmoid(gain · m + bias)</c>, where m is the
/// darkest intensity on the straight path from p to p + o (a min-pool, so a boundary anywhere between them cuts the
/// pair). Gains and biases are its only weights, set by hand and saved like trained ones. The input carries
/// <see cref="Context"/> on every side; only the high side is used.
/// </summary>
public sealed class BoundaryAffinityModel : nn.Module<Tensor, Tensor>
{
    /// <summary>Context in voxels on each side: the largest offset per axis.</summary>
    public static readonly Coordinate Context = new(8, 16, 16);

    private static readonly IReadOnlyList<Coordinate> Offsets = Volara.Runtime.Tasks.SegmentationPipeline.ReadmeNeighborhood;

    private readonly TorchSharp.Modules.Parameter gain;
    private readonly TorchSharp.Modules.Parameter bias;

    public BoundaryAffinityModel()
        : base(nameof(BoundaryAffinityModel))
    {
        gain = nn.Parameter(torch.zeros(Offsets.Count), requires_grad: false);
        bias = nn.Parameter(torch.zeros(Offsets.Count), requires_grad: false);
        RegisterComponents();
    }

    /// <summary>The hand-set weights: a path darker than 0.45 gives an affinity below one half, steeply.</summary>
    public void SetWeights()
    {
        using var noGrad = torch.no_grad();
        gain.fill_(12.0);
        bias.fill_(-5.4);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        long z = input.shape[2] - 2 * Context.ValueAt(0);
        long y = input.shape[3] - 2 * Context.ValueAt(1);
        long x = input.shape[4] - 2 * Context.ValueAt(2);
        var channels = new Tensor[Offsets.Count];
        for (int k = 0; k < Offsets.Count; k++)
        {
            var offset = Offsets[k];
            long[] kernel = [offset.ValueAt(0) + 1, offset.ValueAt(1) + 1, offset.ValueAt(2) + 1];
            // Pooled voxel i covers input voxels i … i + offset: the path from p to p + offset.
            var darkest = -nn.functional.max_pool3d(-input, kernel, strides: [1, 1, 1]);
            var path = darkest[.., .., (int)Context.ValueAt(0)..(int)(Context.ValueAt(0) + z), (int)Context.ValueAt(1)..(int)(Context.ValueAt(1) + y), (int)Context.ValueAt(2)..(int)(Context.ValueAt(2) + x)];
            channels[k] = (path * gain[k] + bias[k]).sigmoid();
        }

        return torch.cat(channels, 1).MoveToOuterDisposeScope();
    }
}
