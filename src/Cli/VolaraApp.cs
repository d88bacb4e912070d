using System.CommandLine;
using Volara.Cli.Commands;
using Volara.Cli.Pipelines;

namespace Volara.Cli;

/// <summary>The <c>volara</c> command line: builds the command tree, parses, runs, and turns every failure into one error line.</summary>
public static class VolaraApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stderrIsTerminal)
    {
        var console = new CliConsole(stdout, stderr, stderrIsTerminal);
        var root = new RootCommand("Inspect, convert and process Zarr arrays of volumetric data blockwise.")
        {
            InfoCommand.Create(console),
            CopyCommand.Create(console),
            RunCommand.Create(console),
            StatusCommand.Create(console),
            DropCommand.Create(console),
            PlanCommand.Create(console),
            ShowCommand.Create(console),
            ShowBlocksCommand.Create(console),
            ServeCommand.Create(console),
            SchemaCommand.Create(console),
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            if (parsed.CommandResult.Command == root)
            {
                return NoCommand(root, args, stderr);
            }

            ErrorLine.Write(stderr, parsed.Errors[0].Message);
            return UsageError;
        }

        // Pipeline commands work from the pipeline file's directory; a caller in this process gets its own back.
        string currentDirectory = Environment.CurrentDirectory;
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (ConfigurationException error)
        {
            // Every problem of a configuration file is its own error line, in file order.
            foreach (var problem in error.Problems)
            {
                ErrorLine.Write(stderr, problem.ToString());
            }

            return UsageError;
        }
        catch (Exception error)
        {
            ErrorLine.Write(stderr, ErrorLine.Describe(error));
            return error is UsageException ? UsageError : Failure;
        }
        finally
        {
            Environment.CurrentDirectory = currentDirectory;
        }
    }

    /// <summary>No verb, or one that does not exist: what was meant if it is close to one, and the verbs there are.</summary>
    private static int NoCommand(RootCommand root, string[] args, TextWriter stderr)
    {
        var verbs = root.Subcommands.Select(command => command.Name).ToList();
        string? typed = args.FirstOrDefault(arg => !arg.StartsWith('-'));
        if (typed is null)
        {
            ErrorLine.Write(stderr, "no command given");
        }
        else
        {
            string hint = DidYouMean.Closest(typed, verbs) is { } closest ? $" (did you mean '{closest}'?)" : string.Empty;
            ErrorLine.Write(stderr, $"'{typed}' is not a volara command{hint}");
        }

        stderr.WriteLine("usage: volara COMMAND [ARGUMENTS] [OPTIONS]");
        stderr.WriteLine();
        stderr.WriteLine("commands:");
        int width = verbs.Max(verb => verb.Length);
        foreach (var command in root.Subcommands)
        {
            string summary = command.Description is { } description ? description.Split('\n')[0] : string.Empty;
            stderr.WriteLine($"  {command.Name.PadRight(width)}  {summary}");
        }

        stderr.WriteLine();
        stderr.WriteLine("'volara COMMAND --help' shows a command's options and examples.");
        return UsageError;
    }
}
