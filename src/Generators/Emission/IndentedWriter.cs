using System.Text;

namespace Volara.Generators.Emission
{
    /// <summary>Builds source text line by line with four-space indentation; blocks open and close braces.</summary>
    internal sealed class IndentedWriter
    {
        private readonly StringBuilder text = new StringBuilder();
        private int depth;

        public IndentedWriter Line(string line = "")
        {
            if (line.Length > 0)
            {
                text.Append(' ', depth * 4).Append(line);
            }

            text.Append('\n');
            return this;
        }

        /// <summary>Opens a block under <paramref name="header"/>, with an optional indented continuation line (a constraint clause).</summary>
        public IndentedWriter Open(string header, string? continuation = null)
        {
            Line(header);
            if (continuation is not null)
            {
                Line("    " + continuation);
            }

            Line("{");
            depth++;
            return this;
        }

        public IndentedWriter Close(string suffix = "")
        {
            depth--;
            return Line("}" + suffix);
        }

        public override string ToString() => text.ToString();
    }
}
