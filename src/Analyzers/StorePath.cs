using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Volara.Analyzers;

/// <summary>
/// The store path a value holds when it can be computed at compile time — a constant, a local initialised once with
/// one, and <c>Path.Combine</c>, string concatenation and interpolation of such values — written the same way for two
/// spellings of one path (separators, <c>.</c> and <c>..</c> segments, trailing separators). Null when any part is
/// only known at run time.
/// </summary>
internal static class StorePath
{
    public static string? Of(IOperation value) => Text(value, depth: 0) is { } path ? Normalize(path) : null;

    private static string? Text(IOperation value, int depth)
    {
        if (depth > 16)
        {
            return null;
        }

        value = LocalValues.Resolve(value);
        if (value.ConstantValue is { HasValue: true, Value: { } constant })
        {
            return System.Convert.ToString(constant, CultureInfo.InvariantCulture);
        }

        switch (value)
        {
            case IInterpolatedStringOperation interpolated:
            {
                var text = new StringBuilder();
                foreach (var part in interpolated.Parts)
                {
                    string? piece = part switch
                    {
                        IInterpolatedStringTextOperation literal => Text(literal.Text, depth + 1),
                        IInterpolationOperation { Alignment: null, FormatString: null } hole => Text(hole.Expression, depth + 1),
                        _ => null,
                    };
                    if (piece is null)
                    {
                        return null;
                    }

                    text.Append(piece);
                }

                return text.ToString();
            }

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation:
                return Text(concatenation.LeftOperand, depth + 1) is { } left && Text(concatenation.RightOperand, depth + 1) is { } right ? left + right : null;

            case IInvocationOperation { TargetMethod: { Name: "Combine", ContainingType: { Name: "Path", ContainingNamespace: { Name: "IO", ContainingNamespace.Name: "System" } } } } combine:
            {
                var parts = new List<string>();
                foreach (var argument in combine.Arguments)
                {
                    // A params argument (string[] or ReadOnlySpan<string>) holds the parts as its elements.
                    ImmutableArray<IOperation>? elements = argument.Value switch
                    {
                        IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
                        ICollectionExpressionOperation collection => collection.Elements,
                        _ when argument.ArgumentKind is ArgumentKind.ParamArray or ArgumentKind.ParamCollection => null,
                        _ => ImmutableArray.Create(argument.Value),
                    };
                    if (elements is null)
                    {
                        return null;
                    }

                    foreach (var element in elements.Value)
                    {
                        if (Text(element, depth + 1) is not { } part)
                        {
                            return null;
                        }

                        parts.Add(part);
                    }
                }

                return Combine(parts);
            }

            default:
                return null;
        }
    }

    /// <summary><c>Path.Combine</c>'s rule: a rooted part starts over, the others are joined with one separator.</summary>
    private static string Combine(List<string> parts)
    {
        string combined = string.Empty;
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                continue;
            }

            combined = IsRooted(part) || combined.Length == 0 ? part
                : IsSeparator(combined[combined.Length - 1]) ? combined + part
                : combined + "/" + part;
        }

        return combined;
    }

    private static string Normalize(string path)
    {
        bool rooted = IsRooted(path);
        var segments = new List<string>();
        foreach (var segment in path.Replace('\\', '/').Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return (rooted ? "/" : string.Empty) + string.Join("/", segments);
    }

    private static bool IsRooted(string path) => path.Length > 0 && IsSeparator(path[0]);

    private static bool IsSeparator(char c) => c == '/' || c == '\\';
}
