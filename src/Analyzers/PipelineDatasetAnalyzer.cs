using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Volara.Runtime.Dsl.Rules;

namespace Volara.Analyzers;

/// <summary>
/// Checks how the tasks created in one method (or lambda, or property body) — a pipeline built in code — share
/// datasets, matched by constant store path: the writer's element type meets each reader's requirement and agrees
/// with the reader's, each dataset has one writer, and no task reads what it writes.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PipelineDatasetAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property with the producer's element type (fully qualified), for the fixer that changes the consumer's port.</summary>
    public const string ProducerElementTypeProperty = "ProducerElementType";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InputRequirementNotMet,
        DiagnosticDescriptors.DatasetElementTypeMismatch,
        DiagnosticDescriptors.DatasetWrittenTwice,
        DiagnosticDescriptors.TaskReadsOwnOutput);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DslTypes.From(start.Compilation) is { } types)
            {
                start.RegisterOperationBlockAction(block => AnalyzeBlock(block, types));
            }
        });
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context, DslTypes types)
    {
        var uses = new List<DatasetUse>();
        foreach (var creation in context.OperationBlocks.SelectMany(b => b.DescendantsAndSelf()).OfType<IObjectCreationOperation>())
        {
            if (creation.Type is INamedTypeSymbol task && types.IsTask(task) && creation.Initializer is { } initializer)
            {
                uses.AddRange(initializer.Initializers.OfType<ISimpleAssignmentOperation>().Select(a => DatasetUse.From(creation, a, types)).Where(u => u is not null)!);
            }
        }

        foreach (var sameStore in uses.GroupBy(u => u.Store))
        {
            var writers = sameStore.Where(u => u.IsOutput).ToArray();
            foreach (var second in writers.Skip(1))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DatasetWrittenTwice, second.Value.Syntax.GetLocation(), sameStore.Key, writers[0].TaskName, second.TaskName));
            }

            if (writers.Length == 0)
            {
                continue;
            }

            foreach (var reader in sameStore.Where(u => !u.IsOutput))
            {
                var ownWriter = writers.FirstOrDefault(w => w.Task == reader.Task);
                if (ownWriter is not null && reader.Task.Type is INamedTypeSymbol readerTask && types.HasReadWriteConflict(readerTask))
                {
                    continue;
                }

                if (ownWriter is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TaskReadsOwnOutput, reader.Value.Syntax.GetLocation(), reader.TaskName, sameStore.Key));
                    continue;
                }

                var producer = writers[0];
                if (types.IsStored(producer.ElementType) || types.IsStored(reader.ElementType))
                {
                    // The stored type is only known at run time; the generated code converts or dispatches on it.
                    continue;
                }

                var required = types.RequirementOf(reader.Port);
                if (!ElementKindRules.Satisfies(required, ElementKindRules.KindOf(ElementTypeName(producer.ElementType))))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.InputRequirementNotMet,
                        reader.Value.Syntax.GetLocation(),
                        reader.Port.Name,
                        reader.TaskName,
                        ElementKindRules.Describe(required),
                        $"dataset '{sameStore.Key}' is written as {Display(producer.ElementType)} by task '{producer.TaskName}'"));
                    continue;
                }

                if (!SymbolEqualityComparer.Default.Equals(producer.ElementType, reader.ElementType))
                {
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(
                        ProducerElementTypeProperty, producer.ElementType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.DatasetElementTypeMismatch,
                        reader.Value.Syntax.GetLocation(),
                        additionalLocations: reader.Port.Locations.Where(l => l.IsInSource),
                        properties,
                        sameStore.Key,
                        Display(producer.ElementType),
                        producer.TaskName,
                        Display(reader.ElementType),
                        reader.TaskName));
                }
            }
        }
    }

    /// <summary>The full metadata name the element-kind rule knows types by, e.g. <c>System.UInt64</c>.</summary>
    internal static string ElementTypeName(ITypeSymbol type) => type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName;

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
