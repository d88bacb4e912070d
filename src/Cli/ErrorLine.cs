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

    private static string Flatten(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
