using Volara.Runtime.Memory;

namespace Volara.Runtime.Tasks.Kernels;

/// <summary>
/// volara's mask handling, reduced to one weight per voxel: a multi-channel mask becomes (min over channels &gt; 0);
/// a mask whose maximum is 255 becomes (value &gt; 0); otherwise the values multiply the affinities as they are.
/// </summary>
internal readonly struct MaskReduction : IDisposable
{
    private readonly ScratchBuffer<float>? weights;
    private readonly int voxels;

    private MaskReduction(ScratchBuffer<float>? weights, int voxels, bool binary)
    {
        this.weights = weights;
        this.voxels = voxels;
        IsBinaryOrAbsent = binary;
    }

    public bool IsAbsent => weights is null;

    /// <summary>No mask, or every weight is 0 or 1 (so uint8 affinities can be masked without converting them).</summary>
    public bool IsBinaryOrAbsent { get; }

    public ReadOnlySpan<float> Weights => weights is { } buffer ? buffer.Span[..voxels] : default;

    public static MaskReduction Reduce(ReadOnlySpan<float> mask, int voxels)
    {
        if (mask.IsEmpty)
        {
            return new MaskReduction(null, voxels, true);
        }

        int channels = mask.Length / voxels;
        var weights = ScratchMemory.Rent<float>(voxels);
        var target = weights.Span;
        if (channels > 1)
        {
            for (int v = 0; v < voxels; v++)
            {
                float min = mask[v];
                for (int c = 1; c < channels; c++)
                {
                    min = Math.Min(min, mask[(c * voxels) + v]);
                }

                target[v] = min > 0 ? 1 : 0;
            }

            return new MaskReduction(weights, voxels, true);
        }

        mask.CopyTo(target);
        if (System.Numerics.Tensors.TensorPrimitives.Max(target) == 255)
        {
            for (int v = 0; v < voxels; v++)
            {
                target[v] = target[v] > 0 ? 1 : 0;
            }
        }

        bool binary = true;
        foreach (float weight in target)
        {
            binary &= weight is 0 or 1;
        }

        return new MaskReduction(weights, voxels, binary);
    }

    public void Dispose()
    {
        weights?.Dispose();
    }
}
