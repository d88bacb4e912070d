using Volara.Runtime.Tests.Support;

namespace Volara.Predict.Tests.Support;

/// <summary>
/// A test that needs PyTorch in the reference python (Debian's python3-torch, installed by scripts/install-deps.sh);
/// skipped, saying so, only where that python has no torch.
/// </summary>
public sealed class PythonTorchFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            ReferencePython.Run("import torch");
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    });

    public PythonTorchFactAttribute()
    {
        if (!Available.Value)
        {
            Skip = $"{ReferencePython.Interpreter} has no torch (apt-get install python3-torch) to make the TorchScript model";
        }
    }
}
