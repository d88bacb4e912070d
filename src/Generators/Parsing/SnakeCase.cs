using System.Text;

namespace Volara.Generators.Parsing
{
    /// <summary>The configuration's property naming (System.Text.Json's snake_case_lower), for field names in messages.</summary>
    internal static class SnakeCase
    {
        public static string Of(string name)
        {
            var result = new StringBuilder(name.Length + 4);
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (char.IsUpper(c))
                {
                    bool afterLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                    bool endsAcronym = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                    if (afterLowerOrDigit || endsAcronym)
                    {
                        result.Append('_');
                    }

                    result.Append(char.ToLowerInvariant(c));
                }
                else
                {
                    result.Append(c);
                }
            }

            return result.ToString();
        }
    }
}
