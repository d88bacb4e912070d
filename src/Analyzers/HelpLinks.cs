namespace Volara.Analyzers;

/// <summary>
/// Builds each diagnostic's help link from its id, so links cannot drift from the pages they name: the page
/// docs/diagnostics/ID.md of the repository, as an absolute address that opens from a user's IDE or build log.
/// The repository's address is the build's <c>RepositoryUrl</c> (Directory.Build.props), written into
/// <see cref="RepositoryInfo"/> at build time.
/// </summary>
internal static class HelpLinks
{
    public static string For(string id) => RepositoryInfo.Url + "/blob/main/docs/diagnostics/" + id + ".md";
}
