namespace Volara.Analyzers;

/// <summary>
/// Builds each diagnostic's help link from its id, so links cannot drift from the pages they name. The link is
/// relative to the repository root, where docs/diagnostics holds one page per id.
/// </summary>
internal static class HelpLinks
{
    public static string For(string id) => "docs/diagnostics/" + id + ".md";
}
