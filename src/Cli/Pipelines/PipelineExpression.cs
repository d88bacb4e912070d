using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Pipelines;

namespace Volara.Cli.Pipelines;

/// <summary>
/// The composition of a pipeline file, <c>a + (b | c)</c>: task names joined with <c>+</c> (run after) and
/// <c>|</c> (run independently), with C#'s precedence (<c>+</c> binds tighter) and parentheses.
/// </summary>
public static class PipelineExpression
{
    /// <summary>Builds the pipeline; a problem is thrown as a <see cref="FormatException"/> naming the column.</summary>
    public static Pipeline Build(string expression, IReadOnlyDictionary<string, IBlockwiseTask> tasks)
    {
        var parser = new Parser(expression, tasks);
        var pipeline = parser.ParseParallel();
        parser.ExpectEnd();
        return pipeline;
    }

    /// <summary>The task names an expression mentions, in order.</summary>
    public static IReadOnlyList<string> NamesIn(string expression)
    {
        var names = new List<string>();
        int i = 0;
        while (i < expression.Length)
        {
            if (IsNameChar(expression[i]))
            {
                int start = i;
                while (i < expression.Length && IsNameChar(expression[i]))
                {
                    i++;
                }

                names.Add(expression[start..i]);
            }
            else
            {
                i++;
            }
        }

        return names;
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.';

    private sealed class Parser(string text, IReadOnlyDictionary<string, IBlockwiseTask> tasks)
    {
        private int position;

        /// <summary>How deep parentheses may nest, as the JSON reader's depth limit: deeper is no pipeline anyone writes.</summary>
        private const int MaxDepth = 64;

        private int depth;

        public Pipeline ParseParallel()
        {
            var parts = new List<Pipeline> { ParseSequence() };
            while (Peek() == '|')
            {
                position++;
                parts.Add(ParseSequence());
            }

            return Pipeline.Parallel(parts);
        }

        public void ExpectEnd()
        {
            if (Peek() is { } c)
            {
                throw Error($"unexpected '{c}'");
            }
        }

        private Pipeline ParseSequence()
        {
            var parts = new List<Pipeline> { ParseTerm() };
            while (Peek() == '+')
            {
                position++;
                parts.Add(ParseTerm());
            }

            return Pipeline.Sequence(parts);
        }

        private Pipeline ParseTerm()
        {
            char? next = Peek();
            if (next == '(')
            {
                if (++depth > MaxDepth)
                {
                    throw Error($"parentheses nest deeper than {MaxDepth} levels");
                }

                position++;
                var inner = ParseParallel();
                depth--;
                if (Peek() != ')')
                {
                    throw Error("expected ')'");
                }

                position++;
                return inner;
            }

            if (next is not { } c || !IsNameChar(c))
            {
                throw Error(next is null ? "expected a task name at the end" : $"expected a task name, found '{next}'");
            }

            int start = position;
            while (position < text.Length && IsNameChar(text[position]))
            {
                position++;
            }

            string name = text[start..position];
            if (!tasks.TryGetValue(name, out var task))
            {
                position = start;
                throw Error($"no task named '{name}' (the tasks are {string.Join(", ", tasks.Keys.Select(k => $"'{k}'"))})");
            }

            return Pipeline.Of(task);
        }

        private char? Peek()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            return position < text.Length ? text[position] : null;
        }

        private FormatException Error(string message) => new($"{message} at column {position + 1} of '{text}'");
    }
}
