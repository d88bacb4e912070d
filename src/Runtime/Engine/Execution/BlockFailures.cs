namespace Volara.Runtime.Engine.Execution;

/// <summary>How failures are described in <see cref="BlockFailure.Reason"/>.</summary>
public static class BlockFailures
{
    /// <summary>
    /// Why a block failed, in words for the Execution Summary: the failure's message, as the runtime's checks and the
    /// system write them for users. Anything else is a defect in the task's own code, said as such; its type and
    /// where it happened are in the worker log, beside the stack trace.
    /// </summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var inner = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        bool explained = inner is IOException or UnauthorizedAccessException or TimeoutException
            || inner.GetType().Namespace?.StartsWith("Volara.", StringComparison.Ordinal) == true;
        return explained ? inner.Message : $"{inner.Message} (an error in the task's code; the worker log has where)";
    }

    public static string Timeout(TimeSpan limit) => $"timeout: the block ran longer than {limit.TotalSeconds:0.###} s";
}
