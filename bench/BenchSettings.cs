namespace Volara.Bench;

/// <summary>Command-line settings shared by all benchmarks.</summary>
public sealed record BenchSettings(bool Quick, string? JsonOutput, string? Filter, string WorkDirectory)
{
    /// <summary>Timed repetitions; the best one counts.</summary>
    public int Repeats => Quick ? 3 : 5;

    public static BenchSettings Parse(string[] args)
    {
        bool quick = false;
        string? json = null, filter = null, work = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--json":
                    json = Value(args, ref i);
                    break;
                case "--filter":
                    filter = Value(args, ref i);
                    break;
                case "--work-dir":
                    work = Value(args, ref i);
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}' (expected --quick, --json FILE, --filter TEXT, --work-dir DIR)");
            }
        }

        return new BenchSettings(quick, json, filter, work ?? Path.Combine(Path.GetTempPath(), "volara-bench"));
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
}
