using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Volara.Analyzers;

/// <summary>A <c>new Coordinate(…)</c> whose every value is a compile-time integer constant.</summary>
internal sealed class CoordinateConstant
{
    private CoordinateConstant(BaseObjectCreationExpressionSyntax creation, ImmutableArray<ArgumentSyntax> arguments, ImmutableArray<long> values)
    {
        Creation = creation;
        Arguments = arguments;
        Values = values;
    }

    public BaseObjectCreationExpressionSyntax Creation { get; }

    public ImmutableArray<ArgumentSyntax> Arguments { get; }

    public ImmutableArray<long> Values { get; }

    /// <summary>The constant coordinate <paramref name="value"/> builds, or null when it is anything else.</summary>
    public static CoordinateConstant? From(IOperation value, INamedTypeSymbol coordinate)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value is not IObjectCreationOperation creation
            || !SymbolEqualityComparer.Default.Equals(creation.Type, coordinate)
            || creation.Syntax is not BaseObjectCreationExpressionSyntax { ArgumentList: { } argumentList } syntax
            || value.SemanticModel is not { } model)
        {
            return null;
        }

        var values = ImmutableArray.CreateBuilder<long>(argumentList.Arguments.Count);
        foreach (var argument in argumentList.Arguments)
        {
            var constant = model.GetConstantValue(argument.Expression);
            if (!constant.HasValue || constant.Value is not (int or long))
            {
                return null;
            }

            values.Add(System.Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return new CoordinateConstant(syntax, argumentList.Arguments.ToImmutableArray(), values.MoveToImmutable());
    }
}
