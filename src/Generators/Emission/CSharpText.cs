namespace Volara.Generators.Emission
{
    /// <summary>Values written into generated C#: string contents, string literals and booleans.</summary>
    internal static class CSharpText
    {
        /// <summary>Text to place between the quotes of a one-line string literal (names, task types).</summary>
        public static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");

        /// <summary>A string literal, quotes included, of any text (documentation with line breaks).</summary>
        public static string Literal(string text) => "\"" + Escape(text).Replace("\r", "\\r").Replace("\n", "\\n") + "\"";

        public static string Bool(bool value) => value ? "true" : "false";
    }
}
