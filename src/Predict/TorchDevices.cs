using System.Globalization;

namespace Volara.Predict;

/// <summary>Which torch device a worker runs on.</summary>
public static class TorchDevices
{
    /// <summary>
    /// The device of worker <paramref name="workerIndex"/>: <c>"cpu"</c> as given; <c>"cuda:N"</c> as given (N must be
    /// below <paramref name="cudaDeviceCount"/>); plain <c>"cuda"</c> spreads workers over the GPUs, worker i on
    /// <c>cuda:(i mod count)</c>. Throws naming the task and the <c>device</c> field when CUDA is asked for but absent.
    /// </summary>
    public static string Resolve(string taskName, string device, int workerIndex, int cudaDeviceCount)
    {
        if (device == "cpu")
        {
            return device;
        }

        if (device == "cuda" || device.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (cudaDeviceCount < 1)
            {
                throw new ArgumentException($"task '{taskName}': device '{device}' is not available: this machine's libtorch sees no CUDA device");
            }

            if (device == "cuda")
            {
                return "cuda:" + (workerIndex % cudaDeviceCount).ToString(CultureInfo.InvariantCulture);
            }

            if (int.TryParse(device.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < cudaDeviceCount)
            {
                return device;
            }

            throw new ArgumentException($"task '{taskName}': device '{device}' names no CUDA device (there are {cudaDeviceCount})");
        }

        throw new ArgumentException($"task '{taskName}': device '{device}' must be 'cpu', 'cuda' or 'cuda:N'");
    }
}
