using System.Text;

namespace Volara.Runtime.Tests.Engine.Workers.Cluster;

/// <summary>
/// Fake <c>bsub</c>/<c>bkill</c> executables, as volara's own LSF tests use: one directory placed first on PATH
/// (once per test run). <c>bsub</c> records its arguments, prints LSF's submission line with its own pid as job id,
/// and runs the command through a shell like LSF (its output appended to the <c>-o</c> file) until it ends;
/// killing <c>bsub</c> leaves the job running, as on a real cluster. <c>bkill ID…</c> records its arguments and
/// kills those jobs. A queue named <c>nope</c> is refused with LSF's message.
/// </summary>
internal static class FakeLsf
{
    private const string Bsub = """
        #!/usr/bin/env bash
        dir=$(dirname "$0")
        queue=normal log=/dev/null
        args=("$@")
        while [ $# -gt 0 ]; do
          case "$1" in
            -K) shift ;;
            -q) queue=$2; shift 2 ;;
            -o) log=$2; shift 2 ;;
            -J|-n|-M|-gpu|-e|-P) shift 2 ;;
            *) break ;;
          esac
        done
        if [ "$queue" = nope ]; then echo "nope: No such queue. Job not submitted." >&2; exit 255; fi
        printf '%s\0' "${args[@]}" > "$dir/calls/bsub.$$"
        echo "Job <$$> is submitted to queue <$queue>."
        ( eval "exec $*" ) >> "$log" 2>&1 &
        child=$!
        echo "$child" > "$dir/jobs/$$"
        wait "$child"
        code=$?
        rm -f "$dir/jobs/$$"
        exit "$code"
        """;

    private const string Bkill = """
        #!/usr/bin/env bash
        dir=$(dirname "$0")
        printf '%s\0' "$@" > "$dir/calls/bkill.$$"
        for id in "$@"; do
          if [ -f "$dir/jobs/$id" ]; then kill -KILL "$(cat "$dir/jobs/$id")" 2>/dev/null; rm -f "$dir/jobs/$id"; echo "Job <$id> is being terminated"; else echo "Job <$id>: Job has already finished"; fi
        done
        """;

    private static readonly Lazy<string> Installed = new(Install);

    /// <summary>The directory holding the fakes (on PATH from the first call on).</summary>
    public static string Directory => Installed.Value;

    /// <summary>Forgets earlier calls and jobs (the tests using the fakes run one at a time).</summary>
    public static void Reset()
    {
        foreach (var sub in new[] { "calls", "jobs" })
        {
            var path = Path.Combine(Directory, sub);
            System.IO.Directory.Delete(path, recursive: true);
            System.IO.Directory.CreateDirectory(path);
        }
    }

    /// <summary>The argument lists (without the program) of every call of <paramref name="program"/>.</summary>
    public static List<string[]> Calls(string program) =>
        [.. System.IO.Directory.GetFiles(Path.Combine(Directory, "calls"), program + ".*").Order(StringComparer.Ordinal)
            .Select(file => File.ReadAllText(file).TrimEnd('\0').Split('\0'))];

    /// <summary>Ids of submitted jobs that have not ended.</summary>
    public static string[] RunningJobs() =>
        [.. System.IO.Directory.GetFiles(Path.Combine(Directory, "jobs")).Select(Path.GetFileName)!];

    private static string Install()
    {
        var directory = Path.Combine(Path.GetTempPath(), "volara-tests", "fake-lsf-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "calls"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "jobs"));
        Write(Path.Combine(directory, "bsub"), Bsub);
        Write(Path.Combine(directory, "bkill"), Bkill);

        // Only bsub and bkill live there, so putting it first on PATH changes nothing for other tests.
        Environment.SetEnvironmentVariable("PATH", directory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"));
        return directory;
    }

    private static void Write(string path, string script)
    {
        File.WriteAllText(path, script.ReplaceLineEndings("\n") + "\n", new UTF8Encoding(false));
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the fake LSF commands are shell scripts");
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
    }
}
