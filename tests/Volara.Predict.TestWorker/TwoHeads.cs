using TorchSharp;
using static TorchSharp.torch;

namespace Volara.Predict.TestWorker;

/// <summary>One unpadded 3×3×3 convolution (context 1) feeding two outputs: 1 channel in [0, 1] and 3 channels in [−1, 1].</summary>
public sealed class TwoHeads : nn.Module<Tensor, Tensor[]>
{
    private readonly nn.Module<Tensor, Tensor> trunk = nn.Conv3d(1, 4, 3);
    private readonly nn.Module<Tensor, Tensor> probability = nn.Conv3d(4, 1, 1);
    private readonly nn.Module<Tensor, Tensor> vectors = nn.Conv3d(4, 3, 1);

    public TwoHeads()
        : base(nameof(TwoHeads))
    {
        RegisterComponents();
    }

    public override Tensor[] forward(Tensor input)
    {
        var features = trunk.call(input).relu();
        return [probability.call(features).sigmoid(), vectors.call(features).tanh()];
    }
}
