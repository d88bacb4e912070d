namespace Volara.Cli.Pipelines;

/// <summary>A configuration file has problems; all of them are listed, each with its location.</summary>
public sealed class ConfigurationException(IReadOnlyList<ConfigProblem> problems)
    : Exception(problems.Count == 1 ? problems[0].ToString() : $"{problems.Count} problems in the configuration")
{
    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;
}
