using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Volara.Generators.Model;

namespace Volara.Generators.Parsing
{
    /// <summary>
    /// The configuration fields of a task class: its public instance properties that can be set (through <c>set</c> or
    /// <c>init</c>) and are not <c>[JsonIgnore]</c>d, in declaration order, then the execution options every task has.
    /// </summary>
    internal static class FieldParser
    {
        private static readonly SymbolDisplayFormat Annotated =
            SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>A task's fields: those it declares, then the execution options.</summary>
        public static ImmutableArray<FieldModel> Fields(INamedTypeSymbol type, IReadOnlyDictionary<string, string> roles)
        {
            var fields = ImmutableArray.CreateBuilder<FieldModel>();
            AddDeclared(fields, type, roles, seen: new HashSet<string>());
            fields.Add(new FieldModel(
                KnownNames.ExecutionProperty, "execution", KnownNames.ExecutionOptionsType, KnownNames.ExecutionOptionsType, "Execution",
                Required: false, Nullable: false, ItemsNullable: false, InitOnly: true, KnownNames.TaskBaseType,
                "Workers, retries and block timeout of this task.", Default: null, Converter: null, IgnoreCondition: null));
            return fields.ToImmutable();
        }

        /// <summary>A configuration value's fields: those of its base classes first, then its own.</summary>
        public static ImmutableArray<FieldModel> ValueFields(INamedTypeSymbol type)
        {
            var chain = new List<INamedTypeSymbol>();
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                chain.Insert(0, current);
            }

            var fields = ImmutableArray.CreateBuilder<FieldModel>();
            var seen = new HashSet<string>();
            foreach (var declaring in chain)
            {
                AddDeclared(fields, declaring, new Dictionary<string, string>(), seen);
            }

            return fields.ToImmutable();
        }

        private static void AddDeclared(ImmutableArray<FieldModel>.Builder fields, INamedTypeSymbol type, IReadOnlyDictionary<string, string> roles, HashSet<string> seen)
        {
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                    || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public }
                    || property.SetMethod is not { DeclaredAccessibility: Accessibility.Public } setter)
                {
                    continue;
                }

                var ignore = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.JsonIgnoreAttribute);
                string? ignoreCondition = ignore is null ? null : IgnoreConditionOf(ignore);
                if (ignore is not null && ignoreCondition is null)
                {
                    continue;
                }

                if (!seen.Add(property.Name))
                {
                    continue;
                }

                var propertyType = property.Type;
                fields.Add(new FieldModel(
                    property.Name,
                    TaskParser.FieldName(property),
                    propertyType.ToDisplayString(Annotated),
                    propertyType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                    roles.TryGetValue(property.Name, out var role) ? role : "Parameter",
                    property.IsRequired,
                    IsNullable(propertyType),
                    ItemsAreNullable(propertyType),
                    setter.IsInitOnly,
                    type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                    DocumentationText.SummaryOf(property) ?? RoleDescription(role),
                    LiteralDefault(property),
                    ConverterOf(property),
                    ignoreCondition,
                    UntypedDatasetKind(propertyType),
                    property.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.ParameterAttribute
                        && a.NamedArguments.Any(n => n.Key == KnownNames.ParameterWrites && n.Value.Value is true)),
                    propertyType.AllInterfaces.Any(i => i.ToDisplayString() == KnownNames.StoredResult)));
            }

        }

        /// <summary>What an undocumented geometry member means, the same for every task.</summary>
        private static string? RoleDescription(string? role) => role switch
        {
            "BlockSize" => "Block (write) size in voxels, one value per spatial axis.",
            "Context" => "Voxels read around each block on each side, one value per spatial axis.",
            "WriteRoi" => "Restricts the processed region (world units); null processes the whole input.",
            _ => null,
        };

        /// <summary>For <c>Dataset</c> or a class derived from it: the class name in lower case; null for other types.</summary>
        private static string? UntypedDatasetKind(ITypeSymbol type)
        {
            for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
            {
                if (current.ToDisplayString() == KnownNames.Dataset)
                {
                    return type.Name.ToLowerInvariant();
                }
            }

            return null;
        }

        /// <summary>The condition of a conditional <c>[JsonIgnore]</c>; null for one that always ignores.</summary>
        private static string? IgnoreConditionOf(AttributeData ignore)
        {
            foreach (var argument in ignore.NamedArguments)
            {
                // JsonIgnoreCondition: Never 0, Always 1, WhenWritingDefault 2, WhenWritingNull 3, WhenWriting 4, WhenReading 5.
                if (argument.Key == "Condition" && argument.Value.Value is int condition && condition != 1)
                {
                    return condition switch { 0 => "Never", 2 => "WhenWritingDefault", 3 => "WhenWritingNull", 4 => "WhenWriting", 5 => "WhenReading", _ => null };
                }
            }

            return null;
        }

        private static string? ConverterOf(IPropertySymbol property) =>
            property.GetAttributes()
                .Where(a => a.AttributeClass?.ToDisplayString() == KnownNames.JsonConverterAttribute)
                .Select(a => a.ConstructorArguments.FirstOrDefault().Value as ITypeSymbol)
                .FirstOrDefault(t => t is not null)
                ?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        private static bool IsNullable(ITypeSymbol type) =>
            type.NullableAnnotation == NullableAnnotation.Annotated
            || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

        private static bool ItemsAreNullable(ITypeSymbol type) => type switch
        {
            IArrayTypeSymbol array => IsNullable(array.ElementType),
            INamedTypeSymbol { TypeArguments.Length: 1, OriginalDefinition.SpecialType: not SpecialType.System_Nullable_T } generic => IsNullable(generic.TypeArguments[0]),
            _ => false,
        };

        /// <summary>The property's initializer as JSON when it is a number, boolean or string literal (optionally negated).</summary>
        private static string? LiteralDefault(IPropertySymbol property)
        {
            if (property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not PropertyDeclarationSyntax { Initializer.Value: { } value })
            {
                return null;
            }

            string sign = string.Empty;
            if (value is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax negated })
            {
                sign = "-";
                value = negated;
            }

            if (value is not LiteralExpressionSyntax literal)
            {
                return null;
            }

            return literal.Token.Value switch
            {
                bool flag when sign.Length == 0 => flag ? "true" : "false",
                string text when sign.Length == 0 => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
                double number => sign + number.ToString("R", CultureInfo.InvariantCulture),
                float number => sign + number.ToString("R", CultureInfo.InvariantCulture),
                int or long or uint or ulong or decimal => sign + System.Convert.ToString(literal.Token.Value, CultureInfo.InvariantCulture),
                _ => null,
            };
        }
    }
}
