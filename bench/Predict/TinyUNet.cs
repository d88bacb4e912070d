using TorchSharp;
using static TorchSharp.torch;

namespace Volara.Bench.Predict;

/// <summary>
/// A small 3-D U-Net: two levels (8 and 16 features), unpadded 3×3×3 convolutions, max-pool down, transposed
/// convolution up, a skip connection cropped to size, and 3 sigmoid outputs (affinities). Output = input − 16, so the
/// context is 8; the input must be 18 + a multiple of 2.
/// </summary>
public sealed class TinyUNet : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> encode1a = nn.Conv3d(1, 8, 3);
    private readonly nn.Module<Tensor, Tensor> encode1b = nn.Conv3d(8, 8, 3);
    private readonly nn.Module<Tensor, Tensor> encode2a = nn.Conv3d(8, 16, 3);
    private readonly nn.Module<Tensor, Tensor> encode2b = nn.Conv3d(16, 16, 3);
    private readonly nn.Module<Tensor, Tensor> up = nn.ConvTranspose3d(16, 8, 2, stride: 2);
    private readonly nn.Module<Tensor, Tensor> decodeA = nn.Conv3d(16, 8, 3);
    private readonly nn.Module<Tensor, Tensor> decodeB = nn.Conv3d(8, 8, 3);
    private readonly nn.Module<Tensor, Tensor> head = nn.Conv3d(8, 3, 1);

    public TinyUNet()
        : base(nameof(TinyUNet))
    {
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var level1 = encode1b.call(encode1a.call(input).relu()).relu();
        var level2 = encode2b.call(encode2a.call(nn.functional.max_pool3d(level1, [2, 2, 2])).relu()).relu();
        var upsampled = up.call(level2);
        long crop = (level1.shape[2] - upsampled.shape[2]) / 2;
        var skip = level1[.., .., (int)crop..(int)(crop + upsampled.shape[2]), (int)crop..(int)(crop + upsampled.shape[3]), (int)crop..(int)(crop + upsampled.shape[4])];
        var decoded = decodeB.call(decodeA.call(torch.cat([skip, upsampled], 1)).relu()).relu();
        return head.call(decoded).sigmoid().MoveToOuterDisposeScope();
    }
}
