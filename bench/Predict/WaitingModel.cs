using static TorchSharp.torch;

namespace Volara.Bench.Predict;

/// <summary>
/// Stands in for a model on an accelerator: its forward pass waits <see cref="ForwardMilliseconds"/> without using the
/// processor (as the host does while a GPU computes), then returns 3 channels of the input's centre through a sigmoid
/// (64³ in → 48³ out, like <see cref="TinyUNet"/>), so that what Predict converts and writes is as varied as real output.
/// </summary>
public sealed class WaitingModel : nn.Module<Tensor, Tensor>
{
    public const int ForwardMilliseconds = 20;
    private const int Context = 8;

    public WaitingModel()
        : base(nameof(WaitingModel))
    {
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        Thread.Sleep(ForwardMilliseconds);
        long size = input.shape[2] - (2 * Context);
        var centre = input[.., .., Context..(int)(Context + size), Context..(int)(Context + size), Context..(int)(Context + size)];
        return centre.expand(input.shape[0], 3, size, size, size).sigmoid();
    }
}
