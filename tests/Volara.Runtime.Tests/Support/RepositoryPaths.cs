namespace Volara.Runtime.Tests.Support;

/// <summary>Locates the repository root and the shared reference material that sits beside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shared reference folder (fixtures, specs): VOLARA_SHARED, else <c>../shared</c> next to the repository.</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("VOLARA_SHARED") is { Length: > 0 } custom
            ? custom
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string NumcodecsFixtures => Path.Combine(Shared, "fixtures", "numcodecs");

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
