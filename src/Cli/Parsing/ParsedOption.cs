using System.CommandLine;

namespace Volara.Cli.Parsing;

/// <summary>Options whose text is converted by our own parsers, so a bad value gives an error naming the option.</summary>
public static class ParsedOption
{
    /// <summary><paramref name="parse"/> throws <see cref="FormatException"/> with a message saying what was expected.</summary>
    public static Option<T> Create<T>(string name, string description, Func<string, T> parse)
    {
        return new Option<T>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return default;
                }

                try
                {
                    return parse(result.Tokens[^1].Value);
                }
                catch (FormatException error)
                {
                    result.AddError($"{name}: {error.Message}");
                    return default;
                }
            },
        };
    }
}
