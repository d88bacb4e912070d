using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Volara.Generators.Model;
using Volara.Generators.Rules;

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

            bool readWriteConflict = NamedFlag(context.Attributes[0], KnownNames.ReadWriteConflict);
            bool wholeRoi = NamedFlag(context.Attributes[0], KnownNames.WholeRoi);
            var inputs = ImmutableArray.CreateBuilder<PortModel>();
            var outputs = ImmutableArray.CreateBuilder<PortModel>();
            var inputTypes = ImmutableArray.CreateBuilder<ITypeSymbol>();
            var outputTypes = ImmutableArray.CreateBuilder<ITypeSymbol>();
            var checks = new List<(ParameterCheckKind Kind, IPropertySymbol Property, string Target)>();
            SettingModel? blockSize = null, contextSetting = null, writeRoi = null;
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var attribute in property.GetAttributes())
                {
                    switch (attribute.AttributeClass?.ToDisplayString())
                    {
                        case KnownNames.OutputAttribute when ElementTypeOf(property.Type) is null:
                        {
                            // A list output: the property is IReadOnlyList<Dataset?> (or of a dataset kind), always configured.
                            if (!IsDatasetList(property.Type) || property.NullableAnnotation == NullableAnnotation.Annotated
                                || attribute.NamedArguments.Any(a => a.Key == KnownNames.OutputSpatialOnly && a.Value.Value is true))
                            {
                                return null;
                            }

                            outputs.Add(new PortModel(property.Name, FieldName(property), string.Empty, SpatialOnly: false, Optional: false, Stored: false, List: true));
                            outputTypes.Add(property.Type);
                            break;
                        }

                        case KnownNames.InputAttribute:
                        case KnownNames.OutputAttribute:
                        {
                            if (ElementTypeOf(property.Type) is not { } element)
                            {
                                return null;
                            }

                            bool isInput = attribute.AttributeClass!.ToDisplayString() == KnownNames.InputAttribute;
                            bool spatialOnly = attribute.NamedArguments.Any(a => a.Key == KnownNames.OutputSpatialOnly && a.Value.Value is true);
                            bool stored = element.ToDisplayString() == KnownNames.Stored;
                            var port = new PortModel(
                                property.Name,
                                FieldName(property),
                                stored ? "T" : element.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                                spatialOnly,
                                Optional: property.NullableAnnotation == NullableAnnotation.Annotated,
                                stored,
                                Requires: isInput && attribute.NamedArguments.FirstOrDefault(a => a.Key == KnownNames.InputRequires).Value.Value is int requires ? requires : PortModel.AnyKind,
                                Kind: property.Type.Name.ToLowerInvariant());
                            (isInput ? inputs : outputs).Add(port);
                            (isInput ? inputTypes : outputTypes).Add(element);
                            break;
                        }

                        case KnownNames.BlockSizeAttribute when blockSize is null && IsType(property.Type, KnownNames.Coordinate, nullable: false):
                            blockSize = new SettingModel(property.Name, FieldName(property));
                            break;
                        case KnownNames.ContextAttribute when contextSetting is null
                            && (IsType(property.Type, KnownNames.Coordinate, nullable: true) || IsCoordinatePair(property.Type)):
                            contextSetting = new SettingModel(property.Name, FieldName(property));
                            break;
                        case KnownNames.WriteRoiAttribute when writeRoi is null && IsType(property.Type, KnownNames.Roi, nullable: true):
                            writeRoi = new SettingModel(property.Name, FieldName(property));
                            break;
                        case KnownNames.BlockSizeAttribute:
                        case KnownNames.ContextAttribute:
                        case KnownNames.WriteRoiAttribute:
                            return null;
                        case KnownNames.OffsetsOfAttribute when attribute.ConstructorArguments.FirstOrDefault().Value is string affinities:
                            checks.Add((ParameterCheckKind.OffsetsOf, property, affinities));
                            break;
                        case KnownNames.EdgeAttributesOfAttribute when attribute.ConstructorArguments.FirstOrDefault().Value is string database:
                            checks.Add((ParameterCheckKind.EdgeAttributesOf, property, database));
                            break;
                        case KnownNames.PerOffsetAttribute when attribute.ConstructorArguments.FirstOrDefault().Value is string neighborhood:
                            checks.Add((ParameterCheckKind.PerOffsetOfList, property, neighborhood));
                            break;
                    }
                }
            }

            bool ownName = type.GetMembers(KnownNames.NameProperty).OfType<IPropertySymbol>().Any();
            if (!TaskMethodRules.TryGetWorkerState(type, out var workerState, out bool takesWorker) || FitOf(context.Attributes[0]) is not { } fit)
            {
                return null;
            }

            if (outputs.Any(output => output.List) && !TaskMethodRules.HasOutputFormat(type))
            {
                return null;
            }

            if (!PortsAreCompletable(inputs, outputs, blockSize, wholeRoi, ownName)
                || !ProcessSignatureMatches(type, workerState, inputTypes.ToImmutable(), outputTypes.ToImmutable()))
            {
                return null;
            }

            var roles = new Dictionary<string, string>();
            foreach (var input in inputs)
            {
                roles[input.Property] = "Input";
            }

            foreach (var output in outputs)
            {
                roles[output.Property] = "Output";
            }

            foreach (var (setting, role) in new[] { (blockSize, "BlockSize"), (contextSetting, "Context"), (writeRoi, "WriteRoi") })
            {
                if (setting is not null)
                {
                    roles[setting.Property] = role;
                }
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
                new HookModel(HasHook(type, KnownNames.ValidateHook), HasHook(type, KnownNames.OnInitHook), HasHook(type, KnownNames.OnDropArtifactsHook)),
                readWriteConflict,
                wholeRoi,
                ownName,
                new EquatableArray<ParameterCheckModel>(checks.Select(check => CheckModel(type, check.Kind, check.Property, check.Target)).OfType<ParameterCheckModel>().ToImmutableArray()),
                fit,
                workerState is null
                    ? null
                    : new WorkerStateModel(
                        workerState.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                        workerState.ToDisplayString() == KnownNames.Disposable || workerState.AllInterfaces.Any(i => i.ToDisplayString() == KnownNames.Disposable),
                        takesWorker),
                new EquatableArray<FieldModel>(FieldParser.Fields(type, roles)),
                DocumentationText.SummaryOf(type));
        }

        /// <summary><c>IReadOnlyList&lt;D&gt;</c> or <c>IReadOnlyList&lt;D?&gt;</c> with <c>D</c> the untyped <c>Dataset</c> or a type derived from it.</summary>
        private static bool IsDatasetList(ITypeSymbol type)
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

        /// <summary><c>(Coordinate Low, Coordinate High)</c>: a context that differs below and above each block.</summary>
        private static bool IsCoordinatePair(ITypeSymbol type) =>
            type is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.Length == 2
            && tuple.TupleElements.All(element => element.Type.ToDisplayString() == KnownNames.Coordinate);

        /// <summary>The <c>BlockFit</c> member named by the attribute's <c>Fit</c> (<c>Shrink</c> when absent); null for a value outside the enum.</summary>
        private static string? FitOf(AttributeData attribute)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == KnownNames.Fit)
                {
                    return argument.Value.Value is int value && value >= 0 && value < KnownNames.BlockFits.Length ? KnownNames.BlockFits[value] : null;
                }
            }

            return "Shrink";
        }

        /// <summary>
        /// The port rules: a first input that is always configured (the layout and output preparation follow it) unless a
        /// whole-volume task has none and no outputs; a block size unless whole-volume; a name source (a required output
        /// or the class's own <c>Name</c>); <c>Stored</c> outputs need a required first <c>Stored</c> input to take the type from.
        /// </summary>
        private static bool PortsAreCompletable(
            ImmutableArray<PortModel>.Builder inputs, ImmutableArray<PortModel>.Builder outputs, SettingModel? blockSize, bool wholeRoi, bool ownName)
        {
            if (inputs.Count == 0 ? !wholeRoi || outputs.Count > 0 : inputs[0].Optional)
            {
                return false;
            }

            if (blockSize is null && !wholeRoi)
            {
                return false;
            }

            if (!ownName && !outputs.Any(output => !output.Optional && !output.List))
            {
                return false;
            }

            var firstStored = inputs.FirstOrDefault(input => input.Stored);
            return firstStored is null ? !outputs.Any(output => output.Stored) : !firstStored.Optional;
        }

        private static ParameterCheckModel? CheckModel(INamedTypeSymbol type, ParameterCheckKind kind, IPropertySymbol property, string target)
        {
            if (type.GetMembers(target).OfType<IPropertySymbol>().FirstOrDefault() is not { } targetProperty)
            {
                return null;
            }

            bool isAffinities = targetProperty.Type is INamedTypeSymbol { Name: "Affs" } affs && ElementTypeOf(affs) is not null;
            switch (kind)
            {
                case ParameterCheckKind.OffsetsOf when isAffinities:
                case ParameterCheckKind.EdgeAttributesOf when targetProperty.Type.IsReferenceType && HasEdgeAttrs(targetProperty.Type) && HasNameKeys(property.Type):
                    break;
                case ParameterCheckKind.PerOffsetOfList when IsCounted(property.Type) && isAffinities:
                    kind = ParameterCheckKind.PerOffsetOfAffinities;
                    break;
                case ParameterCheckKind.PerOffsetOfList when IsCounted(property.Type) && IsCounted(targetProperty.Type):
                    break;
                default:
                    return null;
            }

            return new ParameterCheckModel(kind, property.Name, FieldName(property), targetProperty.Name, FieldName(targetProperty));
        }

        /// <summary>The type is, or implements, <c>IReadOnlyCollection&lt;T&gt;</c>: its values can be counted.</summary>
        private static bool IsCounted(ITypeSymbol type)
        {
            bool IsReadOnlyCollection(INamedTypeSymbol candidate) =>
                candidate.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IReadOnlyCollection<T>";
            // Arrays implement Count explicitly; the generated check reads Count, so only named collection types qualify.
            return type is INamedTypeSymbol named && (IsReadOnlyCollection(named) || named.AllInterfaces.Any(IsReadOnlyCollection));
        }

        /// <summary>The database type (or a base type) has <c>IReadOnlyDictionary&lt;string, string&gt;? EdgeAttrs</c>.</summary>
        private static bool HasEdgeAttrs(ITypeSymbol type)
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
        private static bool HasNameKeys(ITypeSymbol type) =>
            (type is INamedTypeSymbol named ? type.AllInterfaces.Add(named) : type.AllInterfaces).Any(candidate => candidate is { Name: "IEnumerable", TypeArguments.Length: 1 }
                && candidate.ContainingNamespace.ToDisplayString() == "System.Collections.Generic"
                && (candidate.TypeArguments[0].SpecialType == SpecialType.System_String
                    || candidate.TypeArguments[0] is INamedTypeSymbol { Name: "KeyValuePair", TypeArguments.Length: 2 } pair
                        && pair.TypeArguments[0].SpecialType == SpecialType.System_String));

        private static bool NamedFlag(AttributeData attribute, string name) =>
            attribute.NamedArguments.Any(argument => argument.Key == name && argument.Value.Value is true);

        private static bool IsCompletableClass(INamedTypeSymbol type) =>
            TaskClassRules.ShapeProblem(type) is null
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

        /// <summary>
        /// Block, the worker state (when the class has <c>CreateWorkerState()</c>), one read-only tensor per input, one tensor per output, each over the port's <c>T</c>; ports declared
        /// <c>Stored</c> use Process's single type parameter, constrained to <c>unmanaged</c> and at most <c>INumber&lt;T&gt;</c>.
        /// </summary>
        private static bool ProcessSignatureMatches(INamedTypeSymbol type, ITypeSymbol? workerState, ImmutableArray<ITypeSymbol> inputs, ImmutableArray<ITypeSymbol> outputs)
        {
            var candidates = type.GetMembers(KnownNames.ProcessMethod).OfType<IMethodSymbol>().ToList();
            if (candidates.Count != 1)
            {
                return false;
            }

            var process = candidates[0];
            bool generic = inputs.Concat(outputs).Any(element => element.ToDisplayString() == KnownNames.Stored);
            int first = workerState is null ? 1 : 2;
            if (process.IsStatic || !process.ReturnsVoid || process.Parameters.Length != first + inputs.Length + outputs.Length
                || process.Parameters.Any(p => p.RefKind != RefKind.None)
                || process.Parameters[0].Type.ToDisplayString() != KnownNames.Block
                || process.TypeParameters.Length != (generic ? 1 : 0))
            {
                return false;
            }

            if (workerState is not null && !SymbolEqualityComparer.Default.Equals(process.Parameters[1].Type, workerState))
            {
                return false;
            }

            var typeParameter = generic ? process.TypeParameters[0] : null;
            if (typeParameter is not null
                && (!typeParameter.HasUnmanagedTypeConstraint || typeParameter.HasConstructorConstraint
                    || typeParameter.ConstraintTypes.Any(constraint => !IsNumberOf(constraint, typeParameter))))
            {
                return false;
            }

            for (int i = 0; i < inputs.Length; i++)
            {
                if (!IsTensor(process.Parameters[first + i].Type, KnownNames.ReadOnlyTensorSpan, inputs[i], typeParameter))
                {
                    return false;
                }
            }

            for (int i = 0; i < outputs.Length; i++)
            {
                if (IsDatasetList(outputs[i]))
                {
                    if (!IsArrayList(process.Parameters[first + inputs.Length + i].Type))
                    {
                        return false;
                    }

                    continue;
                }

                if (!IsTensor(process.Parameters[first + inputs.Length + i].Type, KnownNames.TensorSpan, outputs[i], typeParameter))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A list output's Process parameter: <c>IReadOnlyList&lt;VolumeArray?&gt;</c>, the opened arrays (null for discarded entries).</summary>
        private static bool IsArrayList(ITypeSymbol type) =>
            type is INamedTypeSymbol { Name: "IReadOnlyList", TypeArguments.Length: 1 } list
            && list.ContainingNamespace.ToDisplayString() == KnownNames.CollectionsNamespace
            && list.TypeArguments[0].WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() == KnownNames.VolumeArray;

        private static bool IsNumberOf(ITypeSymbol constraint, ITypeParameterSymbol typeParameter) =>
            constraint is INamedTypeSymbol { Name: "INumber", TypeArguments.Length: 1 } number
            && number.ContainingNamespace.ToDisplayString() == KnownNames.NumericsNamespace
            && SymbolEqualityComparer.Default.Equals(number.TypeArguments[0], typeParameter);

        private static bool IsTensor(ITypeSymbol type, string name, ITypeSymbol element, ITypeParameterSymbol? storedType) =>
            type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && named.Name == name
            && named.ContainingNamespace.ToDisplayString() == KnownNames.TensorsNamespace
            && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], element.ToDisplayString() == KnownNames.Stored ? storedType : element);

        private static bool HasHook(INamedTypeSymbol type, string name) =>
            type.GetMembers(name).OfType<IMethodSymbol>().Any(method =>
                method.Parameters.Length == 0 && method.ReturnsVoid && !method.IsStatic
                && method.DeclaringSyntaxReferences.Any(reference =>
                    reference.GetSyntax() is MethodDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword)));

        internal static string FieldName(IPropertySymbol property)
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
