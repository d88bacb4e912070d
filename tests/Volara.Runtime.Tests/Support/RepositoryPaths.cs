namespace Volara.Runtime.Tests.Support;

/// <summary>Locates the repository root and the reference material the tests keep in it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>numcodecs' codec conformance vectors, kept with the tests.</summary>
    public static string NumcodecsFixtures => Path.Combine(Root, "tests", "Volara.Runtime.Tests", "Fixtures", "numcodecs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Volara.Dsl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Volara.Dsl.sln not found above the test binaries");
    }
}
