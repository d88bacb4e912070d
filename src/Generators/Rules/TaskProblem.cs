using Microsoft.CodeAnalysis;

namespace Volara.Generators.Rules
{
    /// <summary>A broken <see cref="TaskRule"/>, where it is, and the values its diagnostic's message is formatted with.</summary>
    internal sealed class TaskProblem
    {
        public TaskProblem(TaskRule rule, Location? location, params string[] arguments)
        {
            Rule = rule;
            Location = location;
            Arguments = arguments;
        }

        public TaskRule Rule { get; }

        public Location? Location { get; }

        public string[] Arguments { get; }
    }
}
