using System.Runtime.InteropServices;

namespace Volara.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM during a run: the first cancels it (no more blocks are handed out, workers are ended,
/// the done-marks kept and the summary printed as interrupted); a second ends the process at once.
/// </summary>
public sealed class RunInterruption : IDisposable
{
    /// <summary>Exit code after SIGINT, as shells report a process ended by it (128 + 2).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Exit code after SIGTERM (128 + 15).</summary>
    public const int TerminatedExitCode = 143;

    private readonly CancellationTokenSource cancel = new();
    private readonly PosixSignalRegistration[] registrations;
    private int signalled;

    public RunInterruption()
    {
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public CancellationToken Token => cancel.Token;

    /// <summary>The exit code for the signal that stopped the run; null while none came.</summary>
    public int? ExitCode { get; private set; }

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        cancel.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref signalled) > 1)
        {
            // The second signal takes its default course: the process ends now.
            return;
        }

        context.Cancel = true;
        ExitCode = context.Signal == PosixSignal.SIGTERM ? TerminatedExitCode : InterruptedExitCode;
        cancel.Cancel();
    }
}
