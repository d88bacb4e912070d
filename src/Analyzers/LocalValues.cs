using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Volara.Analyzers;

/// <summary>
/// Follows a value through conversions and locals: <c>var frags = new Labels { … }; … Fragments = frags</c> reads as the
/// creation, when the local is initialised once in the same body and never assigned again.
/// </summary>
internal static class LocalValues
{
    public static IOperation Resolve(IOperation value)
    {
        for (int depth = 0; depth < 8; depth++)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    value = conversion.Operand;
                    continue;
                case ILocalReferenceOperation { Local: var local } when InitializerOf(value, local) is { } initializer:
                    value = initializer;
                    continue;
                default:
                    return value;
            }
        }

        return value;
    }

    private static IOperation? InitializerOf(IOperation reference, ILocalSymbol local)
    {
        var root = reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        IOperation? initializer = null;
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    initializer = declarator.Initializer?.Value;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    return null; // assigned again: its value depends on the path taken
            }
        }

        return initializer;
    }
}
