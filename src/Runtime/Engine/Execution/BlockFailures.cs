namespace Volara.Runtime.Engine.Execution;

/// <summary>How failures are described in <see cref="BlockFailure.Reason"/>.</summary>
public static class BlockFailures
{
    /// <summary>Exception type and message, e.g. <c>InvalidOperationException('boom')</c> (as daisy's repr).</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var inner = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        return $"{inner.GetType().Name}('{inner.Message}')";
    }

    public static string Timeout(TimeSpan limit) => $"timeout: the block ran longer than {limit.TotalSeconds:0.###} s";
}
