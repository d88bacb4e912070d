using TorchSharp;
using static TorchSharp.torch;

namespace Volara.Predict.TestWorker;

/// <summary>Two unpadded 3×3×3 convolutions (1 → 4 → 1) and a sigmoid: context 2 on every side.</summary>
public sealed class TwoConvs : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> first = nn.Conv3d(1, 4, 3);
    private readonly nn.Module<Tensor, Tensor> second = nn.Conv3d(4, 1, 3);

    public TwoConvs()
        : base(nameof(TwoConvs))
    {
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => second.call(first.call(input).tanh()).sigmoid();
}
