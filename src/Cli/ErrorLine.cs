namespace Volara.Cli;

/// <summary>Every failure ends as exactly one line <c>volara: error: ...</c> on standard error.</summary>
public static class ErrorLine
{
    public static void Write(TextWriter stderr, string message)
    {
        // Messages from deep inside (e.g. a codec) may span lines; the contract is one line.
        stderr.WriteLine($"volara: error: {Flatten(message)}");
        stderr.Flush();
    }

    /// <summary>
    /// The most specific message (parallel work wraps the real failure in an AggregateException), as written for
    /// users: the runtime's checks throw argument, state and data errors whose messages name the task and field. Any
    /// other failure is a defect, said as such, still without the exception's class name.
    /// </summary>
    public static string Describe(Exception error)
    {
        while (error is AggregateException { InnerExceptions.Count: > 0 } aggregate)
        {
            error = aggregate.InnerExceptions[0];
        }

        return error switch
        {
            UsageException or Volara.Runtime.Storage.Zarr.ZarrException or Volara.Runtime.Storage.Codecs.CodecException => error.Message,
            IOException or UnauthorizedAccessException or FormatException => error.Message,
            ArgumentException or InvalidOperationException or NotSupportedException or TimeoutException => error.Message,
            _ when error.GetType().Namespace?.StartsWith("Volara.", StringComparison.Ordinal) == true => error.Message,
            _ => $"internal error, please report it: {error.Message}",
        };
    }

    /// <summary>Longest stretch of a message without a space that is printed whole (a value echoed from a file may be any length).</summary>
    private const int LongestWord = 200;

    private static string Flatten(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(line => line.Split(' '))
            .Select(Shorten));

    /// <summary>A word of unbounded length (a 1 MB string from a file) keeps its start and end, and says how long it was.</summary>
    private static string Shorten(string word) =>
        word.Length <= LongestWord ? word : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{word[..(LongestWord / 2)]}…({word.Length:N0} characters)…{word[^20..]}");
}
