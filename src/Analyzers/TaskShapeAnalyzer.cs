using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Volara.Analyzers;

/// <summary>
/// The class and setting shapes the generator needs and otherwise silently skips a task for: a top-level,
/// non-generic, non-abstract, non-static class without a base class, and at most one <c>[BlockSize]</c>
/// (<c>Coordinate</c>), <c>[Context]</c> (<c>Coordinate</c> or <c>Coordinate?</c>) and <c>[WriteRoi]</c>
/// (<c>Roi</c> or <c>Roi?</c>) property each.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskShapeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SettingMisdeclared,
        DiagnosticDescriptors.TaskClassNotCompletable);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DslTypes.From(start.Compilation) is { } types)
            {
                var settings = new[]
                {
                    new Setting("BlockSize", types.BlockSizeAttribute, types.Coordinate, NullableAllowed: false),
                    new Setting("Context", types.ContextAttribute, types.Coordinate, NullableAllowed: true, PairAllowed: true),
                    new Setting("WriteRoi", start.Compilation.GetTypeByMetadataName("Volara.Runtime.Dsl.WriteRoiAttribute"), start.Compilation.GetTypeByMetadataName("Volara.Runtime.Geometry.Roi"), NullableAllowed: true),
                };
                start.RegisterSymbolAction(symbol => AnalyzeTask(symbol, types, settings), SymbolKind.NamedType);
            }
        });
    }

    private static void AnalyzeTask(SymbolAnalysisContext context, DslTypes types, Setting[] settings)
    {
        var task = (INamedTypeSymbol)context.Symbol;
        if (!types.IsTask(task)
            || task.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } declaration)
        {
            return;
        }

        if (Volara.Generators.Rules.TaskClassRules.ShapeProblem(task) is { } problem)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TaskClassNotCompletable, declaration.Identifier.GetLocation(), task.Name, problem));
        }

        var properties = task.GetMembers().OfType<IPropertySymbol>().ToArray();
        foreach (var setting in settings)
        {
            if (setting.Attribute is null || setting.Type is null)
            {
                continue;
            }

            bool first = true;
            foreach (var property in properties.Where(p => types.HasAttribute(p, setting.Attribute)))
            {
                string? reason = !first ? $"repeats [{setting.Name}]: declare it once"
                    : !setting.Accepts(property.Type) ? $"is a {property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}, expected {setting.Expected}"
                    : null;
                first = false;
                if (reason is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SettingMisdeclared, property.Locations[0], setting.Name, property.Name, task.Name, reason));
                }
            }
        }
    }

    private sealed class Setting
    {
        public Setting(string Name, INamedTypeSymbol? Attribute, INamedTypeSymbol? Type, bool NullableAllowed, bool PairAllowed = false)
        {
            this.PairAllowed = PairAllowed;
            this.Name = Name;
            this.Attribute = Attribute;
            this.Type = Type;
            this.NullableAllowed = NullableAllowed;
        }

        public string Name { get; }

        public INamedTypeSymbol? Attribute { get; }

        public INamedTypeSymbol? Type { get; }

        public bool NullableAllowed { get; }

        /// <summary>Also <c>(T Low, T High)</c>: a context that differs below and above each block.</summary>
        public bool PairAllowed { get; }

        public string Expected => PairAllowed ? $"{Type!.Name}, {Type.Name}? or ({Type.Name} Low, {Type.Name} High)"
            : NullableAllowed ? $"{Type!.Name} or {Type.Name}?" : Type!.Name;

        public bool Accepts(ITypeSymbol type)
        {
            if (PairAllowed && type is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.Length == 2
                && tuple.TupleElements.All(element => SymbolEqualityComparer.Default.Equals(element.Type, Type)))
            {
                return true;
            }

            if (NullableAllowed && type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
            {
                type = wrapper.TypeArguments[0];
            }

            return SymbolEqualityComparer.Default.Equals(type, Type);
        }
    }
}
