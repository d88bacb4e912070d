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

        public IndentedWriter Open(string header)
        {
            Line(header);
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
