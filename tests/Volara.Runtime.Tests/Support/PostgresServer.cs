using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Volara.Runtime.Tests.Support;

/// <summary>
/// A private PostgreSQL server for tests and benchmarks: <c>initdb</c> + <c>pg_ctl start</c> on a scratch directory and a
/// free port (as the <c>postgres</c> user when running as root, which the server refuses), stopped and removed on
/// dispose. When <c>VOLARA_TEST_POSTGRES</c> holds a connection string, that server is used instead. Failing to
/// start throws: a missing PostgreSQL is an error, not a reason to skip. Use as an xunit collection fixture
/// (<see cref="PostgresCollection"/>); each test should work in its own database (<see cref="NewDatabaseName"/>).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string ConnectionStringVariable = "VOLARA_TEST_POSTGRES";

    private readonly string? _root;
    private readonly string? _bin;
    private readonly bool _asPostgresUser;

    public PostgresServer()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            return;
        }

        _bin = FindBinaries();
        _asPostgresUser = Environment.UserName == "root";
        _root = Path.Combine(Path.GetTempPath(), "volara-postgres-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
        try
        {
            if (_asPostgresUser)
            {
                Run("chown", ["postgres:postgres", _root], asPostgres: false);
            }

            var data = Path.Combine(_root, "data");
            Run(Path.Combine(_bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], _asPostgresUser);
            Port = FreePort();
            var options = $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c max_connections=400 "
                + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o", options, "start"], _asPostgresUser);
            ConnectionString = $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";
        }
        catch
        {
            RemoveDirectory();
            throw;
        }
    }

    /// <summary>Npgsql connection string of the server's <c>postgres</c> database.</summary>
    public string ConnectionString { get; }

    /// <summary>The port of a server started here (0 for an external one).</summary>
    public int Port { get; }

    /// <summary>A fresh database name; graph configs create the database on first open.</summary>
    public static string NewDatabaseName(string prefix = "volara_test") => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];

    /// <summary>The connection string for one database of this server.</summary>
    public string ConnectionStringFor(string database)
    {
        var parts = ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.TrimStart().StartsWith("Database=", StringComparison.OrdinalIgnoreCase));
        return string.Join(';', parts.Append($"Database={database}"));
    }

    public void Dispose()
    {
        if (_root is null || _bin is null)
        {
            return;
        }

        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"], _asPostgresUser);
        }
        finally
        {
            RemoveDirectory();
        }
    }

    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var bins = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1, Bin: Path.Combine(d, "bin")))
                .Where(x => File.Exists(Path.Combine(x.Bin, "initdb")) && File.Exists(Path.Combine(x.Bin, "pg_ctl")))
                .OrderByDescending(x => x.Version)
                .ToList()
            : [];
        return bins.Count > 0
            ? bins[0].Bin
            : throw new InvalidOperationException(
                $"PostgreSQL server binaries (initdb, pg_ctl) not found under {root}: install the 'postgresql' package "
                + $"(scripts/install-deps.sh does) or set {ConnectionStringVariable} to a server's connection string");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within 120 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {error.Result}{output.Result}");
        }
    }

    private void RemoveDirectory()
    {
        try
        {
            if (_root is not null)
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
