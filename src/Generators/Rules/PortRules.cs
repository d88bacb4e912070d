using System.Linq;
using Microsoft.CodeAnalysis;

namespace Volara.Generators.Rules
{
    /// <summary>The types ports and the properties their links name may have, by metadata name.</summary>
    internal static class PortRules
    {
        /// <summary>The <c>T</c> of <c>Raw&lt;T&gt;</c>, <c>Affs&lt;T&gt;</c>, <c>Labels&lt;T&gt;</c> or <c>Lsd&lt;T&gt;</c>; null for any other type.</summary>
        public static ITypeSymbol? ElementTypeOf(ITypeSymbol type) =>
            type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && named.ContainingNamespace.ToDisplayString() == KnownNames.DslNamespace
            && KnownNames.DatasetKinds.Contains(named.Name)
                ? named.TypeArguments[0]
                : null;

        public static bool IsAffinities(ITypeSymbol type) => type is INamedTypeSymbol { Name: "Affs" } && ElementTypeOf(type) is not null;

        /// <summary><c>IReadOnlyList&lt;D&gt;</c> or <c>IReadOnlyList&lt;D?&gt;</c> with <c>D</c> the untyped <c>Dataset</c> or a type derived from it.</summary>
        public static bool IsDatasetList(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol { Name: "IReadOnlyList", TypeArguments.Length: 1 } list
                || list.ContainingNamespace.ToDisplayString() != KnownNames.CollectionsNamespace)
            {
                return false;
            }

            for (var current = list.TypeArguments[0] as INamedTypeSymbol; current is not null; current = current.BaseType)
            {
                if (current.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == "global::" + KnownNames.Dataset)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The type is, or implements, <c>IReadOnlyCollection&lt;T&gt;</c>: its values can be counted.</summary>
        public static bool IsCounted(ITypeSymbol type)
        {
            static bool IsReadOnlyCollection(INamedTypeSymbol candidate) =>
                candidate.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IReadOnlyCollection<T>";
            // Arrays implement Count explicitly; the generated check reads Count, so only named collection types qualify.
            return type is INamedTypeSymbol named && (IsReadOnlyCollection(named) || named.AllInterfaces.Any(IsReadOnlyCollection));
        }

        /// <summary>The database type (or a base type) has <c>IReadOnlyDictionary&lt;string, string&gt;? EdgeAttrs</c>.</summary>
        public static bool HasEdgeAttrs(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.GetMembers(KnownNames.EdgeAttrs).OfType<IPropertySymbol>().Any(p =>
                    !p.IsStatic && p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() == KnownNames.EdgeAttrsType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The parameter is names: a list of strings or a dictionary keyed by strings.</summary>
        public static bool HasNameKeys(ITypeSymbol type) =>
            (type is INamedTypeSymbol named ? type.AllInterfaces.Add(named) : type.AllInterfaces).Any(candidate => candidate is { Name: "IEnumerable", TypeArguments.Length: 1 }
                && candidate.ContainingNamespace.ToDisplayString() == KnownNames.CollectionsNamespace
                && (candidate.TypeArguments[0].SpecialType == SpecialType.System_String
                    || candidate.TypeArguments[0] is INamedTypeSymbol { Name: "KeyValuePair", TypeArguments.Length: 2 } pair
                        && pair.TypeArguments[0].SpecialType == SpecialType.System_String));
    }
}
