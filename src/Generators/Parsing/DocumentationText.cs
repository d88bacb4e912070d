using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Volara.Generators.Parsing
{
    /// <summary>
    /// The <c>&lt;summary&gt;</c> of a declaration's <c>///</c> comment as plain text. Read from the syntax, so it works
    /// whether or not the project generates a documentation file.
    /// </summary>
    internal static class DocumentationText
    {
        private static readonly Regex Summary = new Regex("<summary>(.*?)</summary>", RegexOptions.Singleline);
        private static readonly Regex Reference = new Regex("<(?:see|seealso)\\s+(?:cref|langword|href)\\s*=\\s*\"(?:[A-Z]:)?([^\"]*)\"\\s*/>");
        private static readonly Regex ParameterReference = new Regex("<(?:paramref|typeparamref)\\s+name\\s*=\\s*\"([^\"]*)\"\\s*/>");
        private static readonly Regex Tag = new Regex("<[^>]*>");
        private static readonly Regex Space = new Regex("\\s+");

        /// <summary>The summary of the symbol's first declaration, or null when it has none.</summary>
        public static string? SummaryOf(ISymbol symbol)
        {
            var syntax = symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
            if (syntax is null)
            {
                return null;
            }

            var comment = new StringBuilder();
            foreach (var trivia in syntax.GetLeadingTrivia())
            {
                foreach (var line in trivia.ToFullString().Split('\n'))
                {
                    string trimmed = line.Trim();
                    if (trimmed.StartsWith("///"))
                    {
                        comment.Append(trimmed.Substring(3)).Append(' ');
                    }
                }
            }

            var match = Summary.Match(comment.ToString());
            return match.Success ? PlainText(match.Groups[1].Value) : null;
        }

        private static string? PlainText(string xml)
        {
            string text = Reference.Replace(xml, reference => LastSegment(reference.Groups[1].Value));
            text = ParameterReference.Replace(text, reference => reference.Groups[1].Value);
            text = Tag.Replace(text, string.Empty);
            text = text.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&quot;", "\"").Replace("&apos;", "'").Replace("&amp;", "&");
            text = Space.Replace(text, " ").Trim();
            return text.Length == 0 ? null : text;
        }

        // A cref names a member by its full path; readers know it by its last part (Dataset, not Volara.Runtime.Datasets.Dataset).
        private static string LastSegment(string name)
        {
            int parameters = name.IndexOf('(');
            string path = parameters < 0 ? name : name.Substring(0, parameters);
            int dot = path.LastIndexOf('.');
            return dot < 0 ? path : path.Substring(dot + 1);
        }
    }
}
