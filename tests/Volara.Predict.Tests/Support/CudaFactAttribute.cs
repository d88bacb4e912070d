namespace Volara.Predict.Tests.Support;

/// <summary>A test of the GPU path: skipped, saying so, where libtorch sees no CUDA device (the CPU build used here never does).</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!TorchSharp.torch.cuda.is_available())
        {
            Skip = "no CUDA device visible to libtorch (the CPU libtorch package sees none)";
        }
    }
}
