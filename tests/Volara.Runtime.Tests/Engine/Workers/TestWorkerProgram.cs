using Volara.Runtime.Tests.Support;
using Volara.Workers;

namespace Volara.Runtime.Tests.Engine.Workers;

/// <summary>The test worker program (tests/Volara.TestWorker), built beside these tests in the same configuration.</summary>
internal static class TestWorkerProgram
{
    public static string AssemblyPath { get; } = Find();

    public static WorkerCommand Command => WorkerCommand.ForProgram(AssemblyPath);

    private static string Find()
    {
        // .../tests/Volara.Runtime.Tests/bin/<configuration>/<framework>/ → .../tests/Volara.TestWorker/bin/<configuration>/<framework>/
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!;
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Volara.TestWorker", "bin", configuration.Name, framework.Name, "Volara.TestWorker.dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the test worker is not built at {path}", path);
        }

        return path;
    }
}
