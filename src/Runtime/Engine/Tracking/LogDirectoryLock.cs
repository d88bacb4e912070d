using System.Globalization;
using System.Text.Json.Nodes;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Engine.Tracking;

/// <summary>
/// One driver per log directory: an exclusive lock on <c>driver.lock</c> held by the operating system for as long
/// as the driver's process lives (a killed driver releases it), with who holds it written beside it in
/// <c>driver.json</c> so that a second driver can say whom it is waiting for.
/// The lock is re-entrant within a process (a run that drops tasks, a command around a run).
/// </summary>
public sealed class LogDirectoryLock : IDisposable
{
    private const string LockFileName = "driver.lock";
    private const string HolderFileName = "driver.json";

    private static readonly Dictionary<string, Held> HeldByThisProcess = new(StringComparer.Ordinal);

    private readonly string key;
    private bool disposed;

    private LogDirectoryLock(string key) => this.key = key;

    /// <summary>Takes the log directory for this process; throws <see cref="LogDirectoryLockedException"/> when another driver holds it.</summary>
    public static LogDirectoryLock Acquire(string logDirectory)
    {
        Directory.CreateDirectory(logDirectory);
        string key = RealPaths.Of(logDirectory);
        lock (HeldByThisProcess)
        {
            if (HeldByThisProcess.TryGetValue(key, out var held))
            {
                held.Count++;
                return new LogDirectoryLock(key);
            }

            string holderPath = Path.Combine(key, HolderFileName);
            FileStream handle;
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Unix, a sharing lock on Windows; both end with the process.
                handle = new FileStream(Path.Combine(key, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                throw new LogDirectoryLockedException(logDirectory, Holder(holderPath));
            }

            AtomicFile.WriteAllText(holderPath, new JsonObject
            {
                ["pid"] = Environment.ProcessId,
                ["host"] = Environment.MachineName,
                ["started"] = DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
            }.ToJsonString() + "\n");
            HeldByThisProcess[key] = new Held(handle, holderPath);
            return new LogDirectoryLock(key);
        }
    }

    public void Dispose()
    {
        lock (HeldByThisProcess)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            var held = HeldByThisProcess[key];
            if (--held.Count == 0)
            {
                HeldByThisProcess.Remove(key);
                File.Delete(held.HolderPath);
                held.Handle.Dispose();
            }
        }
    }

    /// <summary>"process 123 on host, started …", from what the holder wrote; a plain phrase when it is unreadable.</summary>
    private static string Holder(string holderPath)
    {
        try
        {
            var holder = JsonNode.Parse(File.ReadAllText(holderPath));
            return $"process {holder?["pid"]} on {holder?["host"]}, started {holder?["started"]}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return "another process";
        }
    }

    private sealed class Held(FileStream handle, string holderPath)
    {
        public FileStream Handle { get; } = handle;

        public string HolderPath { get; } = holderPath;

        public int Count { get; set; } = 1;
    }
}
