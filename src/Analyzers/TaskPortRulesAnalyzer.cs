using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Volara.Analyzers;

/// <summary>
/// The port rules the generator enforces by leaving a task class alone (docs/dsl.md, "ports"): a required first input,
/// a required <c>Stored</c> input behind every <c>Stored</c> output, a name source, an input unless the task is a
/// whole-volume task without outputs, a block size unless whole-volume, and typed-dataset ports. Without these the user would only see
/// the compile errors of a class that was never completed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskPortRulesAnalyzer : DiagnosticAnalyzer
{
    private const string NameProperty = "Name";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.FirstInputOptional,
        DiagnosticDescriptors.StoredOutputWithoutStoredInput,
        DiagnosticDescriptors.TaskNameUndetermined,
        DiagnosticDescriptors.TaskWithoutInput,
        DiagnosticDescriptors.BlockSizeMissing,
        DiagnosticDescriptors.PortNotTypedDataset);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DslTypes.From(start.Compilation) is { } types)
            {
                start.RegisterSymbolAction(symbol => AnalyzeTask(symbol, types), SymbolKind.NamedType);
            }
        });
    }

    private static void AnalyzeTask(SymbolAnalysisContext context, DslTypes types)
    {
        var task = (INamedTypeSymbol)context.Symbol;
        if (!types.IsTask(task)
            || task.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<ClassDeclarationSyntax>().FirstOrDefault() is not { } declaration)
        {
            return;
        }

        // Same order as the generator: members as the compiler lists them.
        var properties = task.GetMembers().OfType<IPropertySymbol>().ToArray();
        var inputs = properties.Where(p => types.HasAttribute(p, types.InputAttribute)).ToArray();
        var outputs = properties.Where(p => types.HasAttribute(p, types.OutputAttribute)).ToArray();
        var untyped = inputs.Concat(outputs.Where(output => !types.IsDatasetList(output.Type))).Where(port => types.ElementTypeOf(port.Type) is null).ToArray();
        foreach (var port in untyped)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.PortNotTypedDataset, port.Locations[0], port.Name, task.Name, port.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }

        if (untyped.Length > 0)
        {
            // The other rules read the ports' element types: they wait until every port is a typed dataset.
            return;
        }

        var classLocation = declaration.Identifier.GetLocation();
        bool wholeRoi = IsWholeRoi(task, types);
        if (inputs.Length > 0 && IsOptional(inputs[0]))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.FirstInputOptional, inputs[0].Locations[0], inputs[0].Name, task.Name));
        }
        else if (inputs.Length == 0 && (!wholeRoi || outputs.Length > 0))
        {
            string reason = wholeRoi
                ? "its outputs follow the first input's geometry, so only a whole-volume task without outputs may have none"
                : "its blocks are laid out over the first input; only a whole-volume task (WholeRoi = true) without outputs may have none";
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TaskWithoutInput, classLocation, task.Name, reason));
        }

        if (!wholeRoi && !properties.Any(p => types.HasAttribute(p, types.BlockSizeAttribute)))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BlockSizeMissing, classLocation, task.Name));
        }

        if (!outputs.Any(output => !IsOptional(output) && !types.IsDatasetList(output.Type)) && !task.GetMembers(NameProperty).OfType<IPropertySymbol>().Any())
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TaskNameUndetermined, classLocation, task.Name));
        }

        var firstStoredInput = inputs.FirstOrDefault(input => types.IsStored(types.ElementTypeOf(input.Type)));
        string? storedProblem = firstStoredInput is null ? "the task has no Stored input"
            : IsOptional(firstStoredInput) ? $"the first Stored input '{firstStoredInput.Name}' is optional"
            : null;
        if (storedProblem is not null)
        {
            foreach (var output in outputs.Where(output => types.IsStored(types.ElementTypeOf(output.Type))))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StoredOutputWithoutStoredInput, output.Locations[0], output.Name, task.Name, storedProblem));
            }
        }
    }

    /// <summary>A nullable typed-dataset property is an optional port, as the generator reads it.</summary>
    private static bool IsOptional(IPropertySymbol port) => port.NullableAnnotation == NullableAnnotation.Annotated;

    private static bool IsWholeRoi(INamedTypeSymbol task, DslTypes types) =>
        task.GetAttributes().Any(data => SymbolEqualityComparer.Default.Equals(data.AttributeClass, types.TaskAttribute)
            && data.NamedArguments.Any(argument => argument.Key == "WholeRoi" && argument.Value.Value is true));
}
