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
    /// Reads a <c>[VolaraTask]</c> class into a <see cref="TaskModel"/>, or null when it breaks a rule of
    /// <see cref="TaskDeclaration"/> (the analyzers report each; the generator only stays silent).
    /// </summary>
    internal static class TaskParser
    {
        public static TaskModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length != 1)
            {
                return null;
            }

            var task = TaskDeclaration.Read(type, context.Attributes[0], cancellationToken);
            if (task.Problems.Count > 0 || task.Incomplete)
            {
                return null;
            }

            var roles = new Dictionary<string, string>();
            foreach (var input in task.Inputs)
            {
                roles[input.Property.Name] = "Input";
            }

            foreach (var output in task.Outputs)
            {
                roles[output.Property.Name] = "Output";
            }

            foreach (var (setting, role) in new[] { (task.BlockSize, "BlockSize"), (task.Context, "Context"), (task.WriteRoi, "WriteRoi") })
            {
                if (setting is not null)
                {
                    roles[setting.Name] = role;
                }
            }

            return new TaskModel(
                type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
                type.Name,
                task.TaskType,
                Ports(task.Inputs),
                Ports(task.Outputs),
                Setting(task.BlockSize),
                Setting(task.Context),
                Setting(task.WriteRoi),
                new HookModel(HasHook(type, KnownNames.ValidateHook), HasHook(type, KnownNames.OnInitHook), HasHook(type, KnownNames.OnDropArtifactsHook)),
                task.ReadWriteConflict,
                task.WholeRoi,
                task.OwnName,
                new EquatableArray<ParameterCheckModel>(task.Links
                    .Select(link => new ParameterCheckModel(link.Kind, link.Property.Name, FieldName(link.Property), link.Target.Name, FieldName(link.Target)))
                    .ToImmutableArray()),
                task.Fit,
                task.WorkerState is not { } state
                    ? null
                    : new WorkerStateModel(
                        state.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                        TaskDeclaration.Implements(state, KnownNames.Disposable),
                        task.WorkerStateTakesNumber,
                        task.WorkerStateKeepsWritesPending),
                new EquatableArray<FieldModel>(FieldParser.Fields(type, roles)),
                DocumentationText.SummaryOf(type),
                task.OverlapIo && !task.WholeRoi);
        }

        private static EquatableArray<PortModel> Ports(IReadOnlyList<DeclaredPort> ports) =>
            new(ports.Select(port => new PortModel(
                port.Property.Name,
                FieldName(port.Property),
                port.List ? string.Empty : port.Stored ? "T" : port.Element!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                port.SpatialOnly,
                port.Optional,
                port.Stored,
                port.List,
                port.Requires,
                port.List ? string.Empty : port.Property.Type.Name.ToLowerInvariant())).ToImmutableArray());

        private static SettingModel? Setting(IPropertySymbol? property) => property is null ? null : new SettingModel(property.Name, FieldName(property));

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
