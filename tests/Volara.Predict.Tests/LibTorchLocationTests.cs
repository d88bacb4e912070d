using Volara.Predict;
using Volara.Runtime.Tests.Support;

namespace Volara.Predict.Tests;

public sealed class LibTorchLocationTests
{
    [Fact]
    public void AMissingLibTorchIsReportedOnceWithWhatToDo()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<ArgumentException>(() => LibTorchLocation.Require("raw-predict", [temp.Path]));

        Assert.StartsWith("task 'raw-predict': libtorch (libtorch_cpu.so) is not installed", error.Message);
        Assert.Contains("Volara.Predict package", error.Message);
    }

    [Fact]
    public void LibTorchBesideTheTestsIsFound()
    {
        // The tests reference Volara.Predict, whose packages put libtorch in runtimes/linux-x64/native.
        LibTorchLocation.Require("raw-predict");

        using var temp = new TempDirectory();
        File.WriteAllBytes(Path.Combine(temp.Path, "libtorch_cpu.so"), []);
        LibTorchLocation.Require("raw-predict", [temp.Path]);
    }
}
