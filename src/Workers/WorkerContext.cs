using System.Globalization;

namespace Volara.Workers;

/// <summary>
/// What a worker process needs to know: the driver to connect to, the task it serves, its id and the log
/// directory holding the task configuration. Read from the command line after <see cref="WorkerEntry.Flag"/>,
/// with environment variables as fallback (for launchers that cannot pass arguments).
/// </summary>
public sealed record WorkerContext(string DriverAddress, string TaskName, int WorkerId, string LogDirectory)
{
    public const string DriverOption = "--driver";
    public const string TaskOption = "--task";
    public const string WorkerIdOption = "--worker-id";
    public const string LogDirectoryOption = "--log-dir";

    public const string DriverVariable = "VOLARA_DRIVER";
    public const string TaskVariable = "VOLARA_TASK";
    public const string WorkerIdVariable = "VOLARA_WORKER_ID";
    public const string LogDirectoryVariable = "VOLARA_LOG_DIR";

    /// <summary>The arguments that follow <see cref="WorkerEntry.Flag"/> on a worker's command line.</summary>
    public IReadOnlyList<string> ToArguments() =>
    [
        DriverOption, DriverAddress,
        TaskOption, TaskName,
        WorkerIdOption, WorkerId.ToString(CultureInfo.InvariantCulture),
        LogDirectoryOption, LogDirectory,
    ];

    /// <summary>The same context as environment variables.</summary>
    public IReadOnlyDictionary<string, string> ToEnvironment() => new Dictionary<string, string>
    {
        [DriverVariable] = DriverAddress,
        [TaskVariable] = TaskName,
        [WorkerIdVariable] = WorkerId.ToString(CultureInfo.InvariantCulture),
        [LogDirectoryVariable] = LogDirectory,
    };

    /// <summary>Parses the arguments after the worker flag; a missing value falls back to its environment variable.</summary>
    public static WorkerContext Parse(IReadOnlyList<string> arguments, Func<string, string?> environment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            var option = arguments[i];
            if (option is not (DriverOption or TaskOption or WorkerIdOption or LogDirectoryOption))
            {
                throw new ArgumentException($"unknown worker argument '{option}'");
            }

            if (i + 1 >= arguments.Count)
            {
                throw new ArgumentException($"worker argument '{option}' needs a value");
            }

            values[option] = arguments[++i];
        }

        string Required(string option, string variable) =>
            values.TryGetValue(option, out var value) ? value
            : environment(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : throw new ArgumentException($"worker needs {option} or the environment variable {variable}");

        var idText = Required(WorkerIdOption, WorkerIdVariable);
        if (!int.TryParse(idText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var workerId) || workerId < 0)
        {
            throw new ArgumentException($"worker id '{idText}' is not a non-negative integer");
        }

        return new WorkerContext(
            Required(DriverOption, DriverVariable),
            Required(TaskOption, TaskVariable),
            workerId,
            Required(LogDirectoryOption, LogDirectoryVariable));
    }
}
