using System.Globalization;
using System.Text;
using Volara.Runtime.Engine.Scheduling;

namespace Volara.Runtime.Engine.Reporting;

/// <summary>
/// The end-of-run report in daisy's format: per task the block counts, then every failed attempt (first 100)
/// and the worker logs to read (first 10). Every task of the run is listed, also one whose blocks were all
/// skipped.
/// </summary>
public static class ExecutionSummary
{
    public const int MaxFailureLines = 100;
    public const int MaxLogLines = 10;

    /// <summary>The closing lines of the summary of an interrupted run.</summary>
    public const string Interrupted =
        "  Interrupted: the run was stopped before its end; blocks not listed as completed run when it is started again.\n";

    /// <param name="peakMemoryOf">A task's highest worker peak resident memory in bytes, when known.</param>
    public static string Format(
        IReadOnlyList<TaskState> states,
        Func<string, IReadOnlyList<FailureRecord>> failuresOf,
        string logDirectory,
        Func<string, long?>? peakMemoryOf = null)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(failuresOf);
        var text = new StringBuilder();
        text.Append('\n').Append("Execution Summary\n").Append("-----------------\n").Append('\n');
        foreach (var state in states)
        {
            text.Append("  Task ").Append(state.TaskName).Append(":\n\n");
            text.Append("    num blocks : ").Append(N(state.Total)).Append('\n');
            text.Append("    completed ✔: ").Append(N(state.Completed)).Append(" (skipped ").Append(N(state.Skipped)).Append(")\n");
            text.Append("    failed    ✗: ").Append(N(state.Failed)).Append('\n');
            text.Append("    orphaned  ∅: ").Append(N(state.Orphaned)).Append('\n');
            if (peakMemoryOf?.Invoke(state.TaskName) is { } peak)
            {
                text.Append("    peak memory per worker: ").Append(N(peak / (1024 * 1024))).Append(" MiB\n");
            }

            text.Append('\n');
            var failures = failuresOf(state.TaskName);
            if (failures.Count > 0)
            {
                // One line per block, however often it was tried: its last failure, and how many there were.
                var blocks = failures.GroupBy(f => f.BlockId).Select(g => (Last: g.Last(), Tries: g.Count())).ToList();
                text.Append("    Failed Blocks:\n\n");
                for (int i = 0; i < blocks.Count && i < MaxFailureLines; i++)
                {
                    var (failure, tries) = blocks[i];
                    text.Append("      block ").Append(failure.BlockId.ToString(CultureInfo.InvariantCulture))
                        .Append(" in worker ").Append(failure.Failure.WorkerId.ToString(CultureInfo.InvariantCulture))
                        .Append(" failed: ").Append(failure.Failure.Reason);
                    if (tries > 1)
                    {
                        text.Append(" (failed ").Append(N(tries)).Append(" times)");
                    }

                    text.Append('\n');
                }

                if (blocks.Count > MaxFailureLines)
                {
                    text.Append("      (and ").Append(N(blocks.Count - MaxFailureLines)).Append(" more)\n");
                }

                text.Append("\n    See worker logs for details:\n\n");
                var workers = failures.Select(f => f.Failure.WorkerId).Where(id => id >= 0).Distinct().ToList();
                for (int i = 0; i < workers.Count && i < MaxLogLines; i++)
                {
                    text.Append("      ").Append(TaskPaths.WorkerLog(logDirectory, state.TaskName, workers[i])).Append('\n');
                }

                if (workers.Count > MaxLogLines)
                {
                    text.Append("      ...\n");
                }

                text.Append('\n');
            }

            if (state.Completed == state.Total)
            {
                text.Append("    all blocks processed successfully\n");
            }
        }

        return text.ToString();
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
