using System.Runtime.InteropServices;
using Volara.Predict.TestWorker;
using Volara.Predict.Tests.Support;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Tests.Support;
using static Volara.Predict.Tests.Support.PredictFixture;

namespace Volara.Predict.Tests;

/// <summary>test_models.py: a loaded model reproduces the saved (or the checkpointed) model's output.</summary>
public sealed class CheckpointTests
{
    // volara's test model: Conv2d(1 → 1, 3×3, same) + sigmoid, traced and scripted, plus a second set of weights saved as a
    // checkpoint (under model_state_dict, and plain); the outputs of both on a random 100×100 input are the expectations.
    private const string MakeTorchScript = """
        import sys, numpy as np, torch
        out = sys.argv[1]
        class Net(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = torch.nn.Conv2d(1, 1, 3, padding=1)
            def forward(self, x):
                return torch.sigmoid(self.conv(x))
        torch.manual_seed(0)
        saved = Net().eval()
        x = torch.rand(1, 1, 100, 100)
        torch.jit.trace(saved, x).save(out + "/traced.pt")
        torch.jit.script(saved).save(out + "/scripted.pt")
        checkpointed = Net().eval()
        torch.save({"model_state_dict": checkpointed.state_dict()}, out + "/checkpoint.pt")
        torch.save(checkpointed.state_dict(), out + "/plain.pt")
        with torch.no_grad():
            np.save(out + "/input.npy", x.numpy()[0, 0])
            np.save(out + "/saved.npy", saved(x).numpy()[0, 0])
            np.save(out + "/checkpointed.npy", checkpointed(x).numpy()[0, 0])
        """;

    [PythonTorchFact]
    public void TorchScriptFromPyTorchWithAndWithoutCheckpoint()
    {
        using var directory = new TempDirectory();
        // torch.jit.script reads the model's source, so the script runs from a file.
        var script = directory.Combine("make_models.py");
        File.WriteAllText(script, MakeTorchScript);
        ReferencePython.Run("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')", script, directory.Path);
        var raw = new Raw { Store = directory.Combine("data.zarr", "raw") };
        var array = raw.Prepare([100, 100], [100, 100], new Coordinate(0, 0), new Coordinate(1, 1), ["nm", "nm"], ["y", "x"], ["space", "space"], DataType.Float32);
        array.Write(array.Roi, (ReadOnlySpan<float>)Floats(directory.Combine("input.npy")));

        var cases = new (string Model, string? Checkpoint, string Expected)[]
        {
            ("traced.pt", null, "saved.npy"),
            ("scripted.pt", null, "saved.npy"),
            ("traced.pt", "checkpoint.pt", "checkpointed.npy"),
            ("scripted.pt", "plain.pt", "checkpointed.npy"),
        };
        int run = 0;
        foreach (var (model, checkpoint, expected) in cases)
        {
            var output = new Raw { Store = directory.Combine("data.zarr", $"prediction{run++}") };
            var task = new Predict
            {
                Checkpoint = new TorchModel
                {
                    SavePath = directory.Combine(model),
                    CheckpointFile = checkpoint is null ? null : directory.Combine(checkpoint),
                    MinInputShape = new Coordinate(1, 1),
                    MinOutputShape = new Coordinate(1, 1),
                    MinStepShape = new Coordinate(1, 1),
                    PredSizeGrowth = new Coordinate(99, 99),
                    OutChannels = [1],
                    OutDtype = "float32",
                },
                InData = raw,
                OutData = [output],
            };
            Assert.True(Runner.Run(task, Options(directory)).Succeeded, $"{model} + {checkpoint}");
            AssertClose(Floats(directory.Combine(expected)), ReadFloats(output), 1e-6f);
        }
    }

    [Fact]
    public void TorchSharpCheckpointReplacesTheSavedWeights()
    {
        using var directory = new TempDirectory();
        var shape = new long[] { 9, 10, 11 };
        var (raw, values) = RandomRaw(directory, shape, seed: 11);
        var saved = SaveModule<TwoConvs>(directory, seed: 12, "saved.dat");
        var checkpoint = SaveModule<TwoConvs>(directory, seed: 13, "checkpoint.dat");
        var output = new Raw { Store = directory.Combine("data.zarr", "prediction") };
        var task = new Predict
        {
            Checkpoint = Describe<TwoConvs>(saved, context: 2, output: 5) with { CheckpointFile = checkpoint },
            InData = raw,
            OutData = [output],
        };
        Assert.True(Runner.Run(task, Options(directory)).Succeeded);

        using var savedModel = LoadModule<TwoConvs>(saved);
        using var checkpointModel = LoadModule<TwoConvs>(checkpoint);
        var fromCheckpoint = WholeVolume(input => [checkpointModel.call(input)], values, shape, context: 2)[0];
        var fromSaved = WholeVolume(input => [savedModel.call(input)], values, shape, context: 2)[0];
        var actual = ReadFloats(output);
        AssertClose(fromCheckpoint, actual, 1e-5f);
        Assert.NotEqual(fromSaved[0], actual[0]);
    }

    private static float[] Floats(string npyPath)
    {
        var npy = Npy.Read(npyPath);
        Assert.Equal("<f4", npy.Descr);
        return MemoryMarshal.Cast<byte, float>(npy.Data).ToArray();
    }
}
