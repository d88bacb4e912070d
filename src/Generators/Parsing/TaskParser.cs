using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Volara.Generators.Model;

namespace Volara.Generators.Parsing
{
    /// <summary>
    /// Reads a <c>[VolaraTask]</c> class into a <see cref="TaskModel"/>, or null when the class breaks a DSL rule
    /// (the analyzers report those; the generator only stays silent).
    /// </summary>
    internal static class TaskParser
    {
        public static TaskModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || !IsCompletableClass(type)
                || context.Attributes.Length != 1 || context.Attributes[0].ConstructorArguments.Length != 1
                || context.Attributes[0].ConstructorArguments[0].Value is not string taskType || taskType.Length == 0)
            {
                return null;
            }

            var inputs = ImmutableArray.CreateBuilder<PortModel>();
            var outputs = ImmutableArray.CreateBuilder<PortModel>();
            var inputTypes = ImmutableArray.CreateBuilder<ITypeSymbol>();
            var outputTypes = ImmutableArray.CreateBuilder<ITypeSymbol>();
            SettingModel? blockSize = null, contextSetting = null, writeRoi = null;
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var attribute in property.GetAttributes())
                {
                    switch (attribute.AttributeClass?.ToDisplayString())
                    {
                        case KnownNames.InputAttribute:
                        case KnownNames.OutputAttribute:
                        {
                            if (ElementTypeOf(property.Type) is not { } element)
                            {
                                return null;
                            }

                            bool isInput = attribute.AttributeClass!.ToDisplayString() == KnownNames.InputAttribute;
                            bool spatialOnly = attribute.NamedArguments.Any(a => a.Key == KnownNames.OutputSpatialOnly && a.Value.Value is true);
                            var port = new PortModel(property.Name, FieldName(property), element.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), spatialOnly);
                            (isInput ? inputs : outputs).Add(port);
                            (isInput ? inputTypes : outputTypes).Add(element);
                            break;
                        }

                        case KnownNames.BlockSizeAttribute when blockSize is null && IsType(property.Type, KnownNames.Coordinate, nullable: false):
                            blockSize = new SettingModel(property.Name, FieldName(property));
                            break;
                        case KnownNames.ContextAttribute when contextSetting is null && IsType(property.Type, KnownNames.Coordinate, nullable: true):
                            contextSetting = new SettingModel(property.Name, FieldName(property));
                            break;
                        case KnownNames.WriteRoiAttribute when writeRoi is null && IsType(property.Type, KnownNames.Roi, nullable: true):
                            writeRoi = new SettingModel(property.Name, FieldName(property));
                            break;
                        case KnownNames.BlockSizeAttribute:
                        case KnownNames.ContextAttribute:
                        case KnownNames.WriteRoiAttribute:
                            return null;
                    }
                }
            }

            if (blockSize is null || inputs.Count == 0 || outputs.Count == 0
                || !ProcessSignatureMatches(type, inputTypes.ToImmutable(), outputTypes.ToImmutable()))
            {
                return null;
            }

            return new TaskModel(
                type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
                type.Name,
                taskType,
                new EquatableArray<PortModel>(inputs.ToImmutable()),
                new EquatableArray<PortModel>(outputs.ToImmutable()),
                blockSize,
                contextSetting,
                writeRoi,
                HasValidateHook(type));
        }

        private static bool IsCompletableClass(INamedTypeSymbol type) =>
            type.TypeKind == TypeKind.Class && !type.IsStatic && !type.IsAbstract && !type.IsGenericType
            && type.ContainingType is null
            && (type.BaseType is null || type.BaseType.SpecialType == SpecialType.System_Object)
            && type.DeclaringSyntaxReferences.All(reference =>
                reference.GetSyntax() is ClassDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

        /// <summary>The <c>T</c> of <c>Raw&lt;T&gt;</c>, <c>Affs&lt;T&gt;</c>, <c>Labels&lt;T&gt;</c> or <c>Lsd&lt;T&gt;</c>.</summary>
        private static ITypeSymbol? ElementTypeOf(ITypeSymbol type) =>
            type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && named.ContainingNamespace.ToDisplayString() == KnownNames.DslNamespace
            && KnownNames.DatasetKinds.Contains(named.Name)
                ? named.TypeArguments[0]
                : null;

        private static bool IsType(ITypeSymbol type, string metadataName, bool nullable)
        {
            if (nullable && type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
            {
                type = wrapper.TypeArguments[0];
            }

            return type.ToDisplayString() == metadataName;
        }

        private static bool ProcessSignatureMatches(INamedTypeSymbol type, ImmutableArray<ITypeSymbol> inputs, ImmutableArray<ITypeSymbol> outputs)
        {
            var candidates = type.GetMembers(KnownNames.ProcessMethod).OfType<IMethodSymbol>().ToList();
            if (candidates.Count != 1)
            {
                return false;
            }

            var process = candidates[0];
            if (process.IsStatic || !process.ReturnsVoid || process.IsGenericMethod || process.Parameters.Length != 1 + inputs.Length + outputs.Length
                || process.Parameters.Any(p => p.RefKind != RefKind.None)
                || process.Parameters[0].Type.ToDisplayString() != KnownNames.Block)
            {
                return false;
            }

            for (int i = 0; i < inputs.Length; i++)
            {
                if (!IsTensor(process.Parameters[1 + i].Type, KnownNames.ReadOnlyTensorSpan, inputs[i]))
                {
                    return false;
                }
            }

            for (int i = 0; i < outputs.Length; i++)
            {
                if (!IsTensor(process.Parameters[1 + inputs.Length + i].Type, KnownNames.TensorSpan, outputs[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsTensor(ITypeSymbol type, string name, ITypeSymbol element) =>
            type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && named.Name == name
            && named.ContainingNamespace.ToDisplayString() == KnownNames.TensorsNamespace
            && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], element);

        private static bool HasValidateHook(INamedTypeSymbol type) =>
            type.GetMembers(KnownNames.ValidateHook).OfType<IMethodSymbol>().Any(method =>
                method.Parameters.Length == 0 && method.ReturnsVoid && !method.IsStatic
                && method.DeclaringSyntaxReferences.Any(reference =>
                    reference.GetSyntax() is MethodDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword)));

        private static string FieldName(IPropertySymbol property)
        {
            foreach (var attribute in property.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == KnownNames.JsonPropertyNameAttribute
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                {
                    return name;
                }
            }

            return SnakeCase.Of(property.Name);
        }
    }
}
