using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Volara.Analyzers;

/// <summary>
/// Checks, where a task is created, that each constant name of an <c>[EdgeAttributesOf(nameof(Db))]</c> parameter
/// (GraphMWS's weights) is an edge attribute the database configuration created in the same place declares in its
/// <c>EdgeAttrs</c> initializer.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EdgeAttributesOfAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.EdgeAttributeNotDeclared);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DslTypes.From(start.Compilation) is { EdgeAttributesOfAttribute: not null } types)
            {
                // Per body, not per creation: an offending value may sit in a local initialised before the task is created,
                // and a diagnostic (with its fix) must lie in the code being analyzed.
                start.RegisterOperationBlockAction(block =>
                {
                    foreach (var creation in block.OperationBlocks.SelectMany(b => b.DescendantsAndSelf()).OfType<IObjectCreationOperation>())
                    {
                        AnalyzeCreation(creation, block.ReportDiagnostic, types);
                    }
                });
            }
        });
    }

    private static void AnalyzeCreation(IObjectCreationOperation creation, System.Action<Diagnostic> report, DslTypes types)
    {
        if (creation.Type is not INamedTypeSymbol task || !types.IsTask(task) || creation.Initializer is null)
        {
            return;
        }

        foreach (var member in creation.Initializer.Initializers)
        {
            if (member is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var parameter } } assignment
                || types.NamedArgumentOf(parameter, types.EdgeAttributesOfAttribute) is not { } databaseName
                || DatasetCreation.Member(creation, databaseName) is not { } databaseValue
                || LocalValues.Resolve(databaseValue) is not IObjectCreationOperation { Initializer: not null } database
                || DatasetCreation.Member(database, "EdgeAttrs") is not { } edgeAttrs
                || ConstantKeys.Of(edgeAttrs) is not { } declared
                || ConstantKeys.Of(assignment.Value) is not { } names)
            {
                continue;
            }

            var known = new HashSet<string>(declared.Select(d => d.Key));
            foreach (var (name, syntax) in names.Where(n => !known.Contains(n.Key)))
            {
                report(Diagnostic.Create(
                    DiagnosticDescriptors.EdgeAttributeNotDeclared,
                    syntax.GetLocation(),
                    parameter.Name,
                    task.Name,
                    name,
                    databaseName,
                    string.Join(", ", declared.Select(d => d.Key))));
            }
        }
    }
}
