using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Volara.Analyzers;

/// <summary>
/// The names a value written out in source holds: a dictionary's constant string keys (<c>["a"] = …</c> or
/// <c>{ "a", … }</c>) or a list of constant strings. Null when any name is not a constant.
/// </summary>
internal static class ConstantKeys
{
    public static IReadOnlyList<(string Key, SyntaxNode Syntax)>? Of(IOperation value)
    {
        value = LocalValues.Resolve(value);
        var keys = new List<(string, SyntaxNode)>();
        switch (value)
        {
            case IObjectCreationOperation { Initializer: { } initializer }:
                foreach (var member in initializer.Initializers)
                {
                    var key = member switch
                    {
                        ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } => indexer.Arguments[0].Value,
                        IInvocationOperation { Arguments.Length: > 0 } add => add.Arguments[0].Value,
                        _ => null,
                    };
                    if (key is not { ConstantValue: { HasValue: true, Value: string name } })
                    {
                        return null;
                    }

                    keys.Add((name, key.Syntax));
                }

                return keys;
            case ICollectionExpressionOperation collection:
                return Strings(collection.Elements, keys);
            case IArrayCreationOperation { Initializer: { } arrayInitializer }:
                return Strings(arrayInitializer.ElementValues, keys);
            default:
                return null;
        }
    }

    private static IReadOnlyList<(string, SyntaxNode)>? Strings(IEnumerable<IOperation> elements, List<(string, SyntaxNode)> keys)
    {
        foreach (var element in elements)
        {
            if (element is not { ConstantValue: { HasValue: true, Value: string name } })
            {
                return null;
            }

            keys.Add((name, element.Syntax));
        }

        return keys;
    }
}
