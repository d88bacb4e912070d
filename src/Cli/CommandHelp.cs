using System.CommandLine;

namespace Volara.Cli;

/// <summary>
/// What every verb's help says the same way: its summary followed by examples, and the <c>--json</c> option. Defaults
/// are shown by the help itself (<c>[default: …]</c>) from each option's default.
/// </summary>
public static class CommandHelp
{
    /// <summary>A verb's description: the summary, then its examples, one command line each.</summary>
    public static string Describe(string summary, params string[] examples) =>
        $"{summary}\n\nExamples:\n{string.Join('\n', examples.Select(example => "  " + example))}";

    /// <summary>The <c>--json</c> option, described alike in every verb.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print the result as JSON on standard output instead of text." };
}
