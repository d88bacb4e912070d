using System.Runtime.InteropServices;

namespace Volara.Runtime.Tests.Engine.Workers;

/// <summary>Sends POSIX signals to processes (what a terminal's Ctrl-C does to a process group).</summary>
internal static partial class Signals
{
    public const int Interrupt = 2;

    public static int Send(int pid, int signal) => Kill(pid, signal);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
