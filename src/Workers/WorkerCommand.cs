using System.Reflection;

namespace Volara.Workers;

/// <summary>
/// The program a worker process runs, before the worker arguments (<see cref="WorkerEntry.Flag"/> and the
/// <see cref="WorkerContext"/>). By default the current program, so a user's program serves as its own worker;
/// a launcher can wrap it (e.g. in a cluster submission command).
/// </summary>
public sealed record WorkerCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// The running program: its executable, plus the entry assembly when the process is the <c>dotnet</c> host
    /// (<c>dotnet app.dll</c>).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "The entry assembly's location is only read under the dotnet host, never in a single-file or native program.")]
    public static WorkerCommand CurrentProgram()
    {
        var executable = Environment.ProcessPath
            ?? throw new InvalidOperationException("the path of the current program is unknown; set the worker command explicitly");
        var host = Path.GetFileNameWithoutExtension(executable);
        if (string.Equals(host, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var entry = Assembly.GetEntryAssembly()?.Location;
            if (string.IsNullOrEmpty(entry))
            {
                throw new InvalidOperationException("the program runs under the dotnet host but its entry assembly is unknown; set the worker command explicitly");
            }

            return new WorkerCommand(executable, [entry]);
        }

        return new WorkerCommand(executable, []);
    }

    /// <summary>Runs a .NET assembly (<c>.dll</c>) through the <c>dotnet</c> host, or an executable directly.</summary>
    public static WorkerCommand ForProgram(string path)
    {
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var host = Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
            return new WorkerCommand(host, [path]);
        }

        return new WorkerCommand(path, []);
    }
}
