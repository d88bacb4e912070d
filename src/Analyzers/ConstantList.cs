using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Volara.Analyzers;

/// <summary>
/// The elements of a list written out in source — <c>[a, b]</c>, <c>new[] { a, b }</c>, <c>new T[] { a, b }</c>,
/// <c>new List&lt;T&gt; { a, b }</c> — so its length is known at compile time. Spreads make the length unknown.
/// </summary>
internal static class ConstantList
{
    public static IReadOnlyList<ExpressionSyntax>? ElementsOf(ExpressionSyntax? value)
    {
        switch (value)
        {
            case CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax):
                return collection.Elements.Cast<ExpressionElementSyntax>().Select(e => e.Expression).ToArray();
            case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                return initializer.Expressions;
            case ImplicitArrayCreationExpressionSyntax { Initializer: var initializer }:
                return initializer.Expressions;
            case BaseObjectCreationExpressionSyntax { Initializer: { } initializer } when initializer.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CollectionInitializerExpression):
                return initializer.Expressions;
            case CastExpressionSyntax cast:
                return ElementsOf(cast.Expression);
            default:
                return null;
        }
    }

    /// <summary>The value a property declaration gives by default (<c>{ get; init; } = …</c>), if any.</summary>
    public static ExpressionSyntax? DefaultOf(IPropertySymbol property, System.Threading.CancellationToken token)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(token) is PropertyDeclarationSyntax { Initializer.Value: var value })
            {
                return value;
            }
        }

        return null;
    }
}
