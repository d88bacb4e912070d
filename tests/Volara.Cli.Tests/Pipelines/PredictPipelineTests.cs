using System.Runtime.InteropServices;
using Volara.Cli.Tests.Support;
using Volara.Predict.Tests.Support;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tests.Support;

namespace Volara.Cli.Tests.Pipelines;

/// <summary>`volara run` on a volara-torch Predict pipeline: a PyTorch TorchScript model, worker processes, a discarded output.</summary>
public sealed class PredictPipelineTests
{
    // Two unpadded 3×3×3 convolutions (context 2) with two outputs: 2 sigmoid channels (kept) and 1 tanh channel (discarded);
    // the expectation is the traced model applied to the whole zero-padded volume.
    private const string MakeModel = """
        import sys, numpy as np, torch, zarr
        out = sys.argv[1]
        class Net(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.a = torch.nn.Conv3d(1, 4, 3)
                self.b = torch.nn.Conv3d(4, 2, 3)
                self.c = torch.nn.Conv3d(4, 1, 3)
            def forward(self, x):
                h = torch.tanh(self.a(x))
                return torch.sigmoid(self.b(h)), torch.tanh(self.c(h))
        torch.manual_seed(0)
        net = Net().eval()
        raw = np.random.default_rng(1).random((11, 13, 9), dtype=np.float32)
        array = zarr.open(out + "/data.zarr/raw", mode="w", shape=raw.shape, chunks=(5, 5, 5), dtype="f4")
        array[:] = raw
        array.attrs.update({"voxel_size": [1, 1, 1], "offset": [0, 0, 0], "axis_names": ["z", "y", "x"], "units": ["nm", "nm", "nm"]})
        torch.jit.trace(net, torch.zeros(1, 1, 10, 10, 10)).save(out + "/model.pt")
        with torch.no_grad():
            padded = torch.nn.functional.pad(torch.from_numpy(raw)[None, None], (2, 2, 2, 2, 2, 2))
            np.save(out + "/expected.npy", net(padded)[0][0].numpy())
        """;

    [PythonTorchFact]
    public void RunsAPredictPipelineInWorkerProcesses()
    {
        using var temp = new TempDirectory();
        var script = temp.Combine("make_model.py");
        File.WriteAllText(script, MakeModel);
        ReferencePython.Run("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')", script, temp.Path);
        File.WriteAllText(temp.Combine("pipeline.yaml"), """
            tasks:
              predict:
                task_type: predict
                checkpoint:
                  save_path: model.pt
                  in_channels: 1
                  min_input_shape: [5, 5, 5]
                  min_output_shape: [1, 1, 1]
                  min_step_shape: [1, 1, 1]
                  pred_size_growth: [3, 3, 3]
                  out_channels: [2, 1]
                  out_range: [0, 1]
                  out_dtype: float32
                in_data: {dataset_type: raw, store: data.zarr/raw}
                out_data:
                  - {dataset_type: raw, store: data.zarr/probabilities}
                  - null
                execution: {num_workers: 2}

            """);

        var result = VolaraProcess.RunIn(temp.Path, "run", "pipeline.yaml", "--mode", "processes");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var npy = Npy.Read(temp.Combine("expected.npy"));
        var expected = MemoryMarshal.Cast<byte, float>(npy.Data).ToArray();
        var actual = new float[expected.Length];
        ZarrArray.Open(temp.Combine("data.zarr", "probabilities")).Read<float>([0, 0, 0, 0], [2, 11, 13, 9], actual);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-5f);
        }

        // The discarded output is never prepared.
        Assert.Equal(2, Directory.GetDirectories(temp.Combine("data.zarr")).Length);
    }
}
