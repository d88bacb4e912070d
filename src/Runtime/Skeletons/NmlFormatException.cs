namespace Volara.Runtime.Skeletons;

/// <summary>An NML file that cannot be read as webKnossos skeletons; the message names the file and the line.</summary>
public sealed class NmlFormatException : FormatException
{
    public NmlFormatException(string file, int line, string problem, Exception? inner = null)
        : base($"NML file '{file}', line {line}: {problem}", inner)
    {
        File = file;
        Line = line;
    }

    /// <summary>The file read.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the problem (0 when unknown).</summary>
    public int Line { get; }
}
