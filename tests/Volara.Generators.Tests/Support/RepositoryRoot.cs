namespace Volara.Generators.Tests.Support;

/// <summary>The checkout the tests run from, found by walking up to the solution file.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Volara.Dsl.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Volara.Dsl.sln above {AppContext.BaseDirectory}");
    }
}
