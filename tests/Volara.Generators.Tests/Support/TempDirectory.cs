namespace Volara.Generators.Tests.Support;

/// <summary>A fresh directory deleted with the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("volara-dsl-").FullName;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A worker process may still hold a log file open for a moment; the directory is temporary anyway.
        }
    }
}
