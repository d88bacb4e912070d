namespace Volara.Cli;

/// <summary>The command line asks for something impossible (conflicting options, an existing destination, ...).</summary>
public sealed class UsageException(string message) : Exception(message);
