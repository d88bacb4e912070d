namespace Volara.Cli.Pipelines;

/// <summary>One problem of a configuration file: where it is (JSON pointer, line and column) and what is wrong.</summary>
public sealed record ConfigProblem(string File, string Pointer, SourceLocation Location, string Message)
{
    /// <summary><c>FILE:LINE:COLUMN: POINTER: MESSAGE</c>, the pointer left out for the whole document.</summary>
    public override string ToString() =>
        Pointer.Length == 0 ? $"{File}:{Location}: {Message}" : $"{File}:{Location}: {Pointer}: {Message}";
}
