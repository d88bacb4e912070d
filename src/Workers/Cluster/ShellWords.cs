using System.Text;

namespace Volara.Workers.Cluster;

/// <summary>Joins arguments into one POSIX shell command line (what <c>sbatch --wrap</c> and LSF run).</summary>
public static class ShellWords
{
    /// <summary>The argument as one shell word: unchanged when it holds only safe characters, else single-quoted.</summary>
    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.Length > 0 && IsSafe(argument))
        {
            return argument;
        }

        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    public static string Join(IEnumerable<string> arguments)
    {
        var line = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(Quote(argument));
        }

        return line.ToString();
    }

    private static bool IsSafe(string argument)
    {
        foreach (var c in argument)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':' or ',' or '=' or '+' or '@' or '%'))
            {
                return false;
            }
        }

        return true;
    }
}
