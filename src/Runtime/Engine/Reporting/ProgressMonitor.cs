using Volara.Runtime.Engine.Scheduling;

namespace Volara.Runtime.Engine.Reporting;

/// <summary>
/// Draws one progress line per task from the scheduler's counters: on a terminal the lines are redrawn in
/// place a few times a second; otherwise (logs, pipes) changed lines are printed at most once per interval,
/// so cluster logs do not fill up. A task gets its line once it has started or finished.
/// </summary>
public sealed class ProgressMonitor : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly Scheduler scheduler;
    private readonly TextWriter output;
    private readonly bool redraw;
    private readonly TimeSpan interval;
    private readonly DateTime[] startTimes;
    private readonly DateTime[] endTimes;
    private readonly string?[] lastPrinted;
    private readonly Lock drawLock = new();
    private readonly CancellationTokenSource stop = new();
    private Thread? thread;
    private int drawnLines;
    private bool finished;

    public ProgressMonitor(Scheduler scheduler, TextWriter output, bool redraw, TimeSpan interval)
    {
        this.scheduler = scheduler;
        this.output = output;
        this.redraw = redraw;
        this.interval = interval;
        startTimes = new DateTime[scheduler.Tasks.Count];
        endTimes = new DateTime[scheduler.Tasks.Count];
        lastPrinted = new string?[scheduler.Tasks.Count];
    }

    public void Start()
    {
        thread = new Thread(Loop) { IsBackground = true, Name = "volara progress" };
        thread.Start();
    }

    /// <summary>Stops drawing and writes the final line of every task.</summary>
    public void Finish()
    {
        stop.Cancel();
        thread?.Join();
        lock (drawLock)
        {
            if (finished)
            {
                return;
            }

            finished = true;
            Draw(final: true);
        }
    }

    public void Dispose()
    {
        Finish();
        stop.Dispose();
    }

    // Ticks often enough to see when each task starts (its elapsed time and rate count from there), but
    // draws only once per interval.
    private void Loop()
    {
        var tick = interval < Tick ? interval : Tick;
        var lastDraw = DateTime.UtcNow;
        while (!stop.Token.WaitHandle.WaitOne(tick))
        {
            lock (drawLock)
            {
                if (finished)
                {
                    return;
                }

                var now = DateTime.UtcNow;
                if (now - lastDraw >= interval)
                {
                    lastDraw = now;
                    Draw(final: false);
                }
                else
                {
                    NoteTimes(scheduler.GetStates(), now);
                }
            }
        }
    }

    // A task's clock runs from when it starts to when it is done: the final lines, drawn once every task is done,
    // keep each task's own time and rate instead of the run's.
    private void NoteTimes(IReadOnlyList<TaskState> states, DateTime now)
    {
        for (int i = 0; i < states.Count; i++)
        {
            if (startTimes[i] == default && IsVisible(states[i], final: false))
            {
                startTimes[i] = now;
            }

            if (endTimes[i] == default && startTimes[i] != default && states[i].IsDone)
            {
                endTimes[i] = now;
            }
        }
    }

    private static bool IsVisible(in TaskState state, bool final) =>
        state.Started || state.Completed + state.Failed + state.Orphaned > 0 || (final && state.IsDone);

    private void Draw(bool final)
    {
        var states = scheduler.GetStates();
        var now = DateTime.UtcNow;
        NoteTimes(states, now);
        var lines = new List<string>(states.Count);
        for (int i = 0; i < states.Count; i++)
        {
            var state = states[i];
            if (!IsVisible(state, final))
            {
                continue;
            }

            if (startTimes[i] == default)
            {
                startTimes[i] = now;
            }

            var line = TaskProgressLine.Format(state, (endTimes[i] == default ? now : endTimes[i]) - startTimes[i]);
            if (redraw)
            {
                lines.Add(line);
            }
            else if (final || StripTiming(line) != lastPrinted[i])
            {
                lastPrinted[i] = StripTiming(line);
                lines.Add(line);
            }
        }

        if (redraw)
        {
            if (drawnLines > 0)
            {
                output.Write($"\u001b[{drawnLines}F");
            }

            foreach (var line in lines)
            {
                output.Write(line);
                output.Write("\u001b[K\n");
            }

            drawnLines = lines.Count;
        }
        else
        {
            foreach (var line in lines)
            {
                output.WriteLine(line);
            }
        }

        output.Flush();
    }

    // Elapsed time and rate change every tick; only the counts decide whether a plain line is worth printing.
    private static string StripTiming(string line)
    {
        int open = line.IndexOf(" [", StringComparison.Ordinal);
        int postfix = line.IndexOf("⧗=", StringComparison.Ordinal);
        return open >= 0 && postfix > open ? line[..open] + line[postfix..] : line;
    }
}
