namespace Volara.Analyzers;

/// <summary>The few stable categories diagnostics are grouped by (users filter on these, so they never name types).</summary>
internal static class DiagnosticCategories
{
    public const string Declaration = "Volara.Declaration";
    public const string DType = "Volara.DType";
    public const string Neighborhood = "Volara.Neighborhood";
    public const string Pipeline = "Volara.Pipeline";
}
