namespace Volara.Runtime.Progress;

/// <summary>
/// Counts finished steps of a piece of work and draws a progress line to a <see cref="TextWriter"/>.
/// <see cref="Advance"/> is safe to call from many threads at once; drawing is throttled so workers never
/// wait on the console. Call <see cref="Complete"/> on success; disposing an unfinished reporter draws
/// its final line as failed (when redrawing; plain output leaves failures to the caller's error message).
/// </summary>
public sealed class ProgressReporter : IDisposable
{
    private readonly TextWriter output;
    private readonly ProgressOptions options;
    private readonly long startTimestamp;
    private readonly long drawIntervalTicks;
    private readonly Lock drawLock = new();
    private long completed;
    private long lastDrawTimestamp;
    private int lastLineLength;
    private bool finished;

    public ProgressReporter(TextWriter output, string description, long total, ProgressOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        this.output = output;
        this.options = options ?? new ProgressOptions();
        Description = description;
        Total = total;
        startTimestamp = this.options.Clock.GetTimestamp();
        lastDrawTimestamp = startTimestamp;
        var interval = this.options.Redraw ? this.options.RedrawInterval : this.options.LineInterval;
        drawIntervalTicks = (long)(interval.TotalSeconds * this.options.Clock.TimestampFrequency);
        if (this.options.Redraw)
        {
            Draw(ProgressState.Running);
        }
    }

    public string Description { get; }

    public long Total { get; }

    public long Completed => Interlocked.Read(ref completed);

    public ProgressSnapshot Snapshot(ProgressState state = ProgressState.Running) =>
        new(Description, Completed, Total, options.Clock.GetElapsedTime(startTimestamp), options.Unit, state);

    /// <summary>Records <paramref name="steps"/> more finished steps and redraws when the interval has passed.</summary>
    public void Advance(long steps = 1)
    {
        Interlocked.Add(ref completed, steps);
        long now = options.Clock.GetTimestamp();
        if (now - Interlocked.Read(ref lastDrawTimestamp) < drawIntervalTicks)
        {
            return;
        }

        // Whoever holds the lock is drawing already; the others go back to work.
        if (!drawLock.TryEnter())
        {
            return;
        }

        try
        {
            if (!finished && now - lastDrawTimestamp >= drawIntervalTicks)
            {
                Interlocked.Exchange(ref lastDrawTimestamp, now);
                Draw(ProgressState.Running);
            }
        }
        finally
        {
            drawLock.Exit();
        }
    }

    /// <summary>Draws the final line, marked as succeeded.</summary>
    public void Complete() => Finish(ProgressState.Succeeded);

    /// <summary>Draws the final line, marked as failed.</summary>
    public void Fail() => Finish(ProgressState.Failed);

    public void Dispose() => Finish(ProgressState.Failed);

    private void Finish(ProgressState state)
    {
        lock (drawLock)
        {
            if (finished)
            {
                return;
            }

            finished = true;
            if (options.Redraw)
            {
                Draw(state);
                output.WriteLine();
            }
            else if (state == ProgressState.Succeeded)
            {
                // In logs a failure is left to the caller's error message, which says more than a bar can.
                Draw(state);
            }

            output.Flush();
        }
    }

    private void Draw(ProgressState state)
    {
        string line = ProgressLine.Format(Snapshot(state));
        if (options.Redraw)
        {
            // Pad with spaces so a shorter line fully covers the previous one.
            output.Write('\r');
            output.Write(line);
            if (line.Length < lastLineLength)
            {
                output.Write(new string(' ', lastLineLength - line.Length));
            }

            lastLineLength = line.Length;
        }
        else
        {
            output.WriteLine(line);
        }

        output.Flush();
    }
}
