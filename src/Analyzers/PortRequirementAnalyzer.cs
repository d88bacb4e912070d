using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Volara.Runtime.Dsl.Rules;

namespace Volara.Analyzers;

/// <summary>Checks that an input's own element type meets its <c>[Input(Requires = …)]</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PortRequirementAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InputRequirementNotMet);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DslTypes.From(start.Compilation) is { } types)
            {
                start.RegisterSymbolAction(symbol => AnalyzePort(symbol, types), SymbolKind.Property);
            }
        });
    }

    private static void AnalyzePort(SymbolAnalysisContext context, DslTypes types)
    {
        var port = (IPropertySymbol)context.Symbol;
        if (port.ContainingType is not { } task
            || !types.IsTask(task)
            || !types.HasAttribute(port, types.InputAttribute)
            || Volara.Generators.Rules.PortRules.ElementTypeOf(port.Type) is not { } elementType
            || types.IsStored(elementType))
        {
            return;
        }

        var required = types.RequirementOf(port);
        if (!ElementKindRules.Satisfies(required, ElementKindRules.KindOf(PipelineDatasetAnalyzer.ElementTypeName(elementType))))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InputRequirementNotMet,
                port.Locations[0],
                port.Name,
                task.Name,
                ElementKindRules.Describe(required),
                $"its element type is {elementType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}"));
        }
    }
}
