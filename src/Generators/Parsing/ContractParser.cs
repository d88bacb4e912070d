using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Volara.Generators.Model;

namespace Volara.Generators.Parsing
{
    /// <summary>Reads a <c>[JsonContract]</c> class into a <see cref="ContractModel"/>; null for one the generator cannot complete.</summary>
    internal static class ContractParser
    {
        public static ContractModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            // A top-level, non-generic, concrete partial class with a parameterless constructor.
            if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false, IsStatic: false, IsGenericType: false, ContainingType: null } type
                || !type.InstanceConstructors.Any(constructor => constructor.Parameters.Length == 0)
                || !type.DeclaringSyntaxReferences.All(reference =>
                    reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                return null;
            }

            return new ContractModel(
                type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
                type.Name,
                type.IsRecord ? "record" : "class",
                new EquatableArray<FieldModel>(FieldParser.ValueFields(type)));
        }
    }
}
