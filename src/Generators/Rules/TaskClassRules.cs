using System;
using System.Linq;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Volara.Generators.Rules
{
    /// <summary>
    /// The class a <c>[VolaraTask]</c> must be for the generator to complete it: compiled into the generator and the
    /// analyzers alike, so the class the generator leaves alone is exactly the class VOL0015 reports.
    /// </summary>
    internal static class TaskClassRules
    {
        /// <summary>Why the generator cannot complete <paramref name="task"/> as a class; null when it can. Each problem reads after the class's name.</summary>
        public static string? ShapeProblem(INamedTypeSymbol task)
        {
            var problems = new List<string>();
            if (task.TypeKind != TypeKind.Class)
            {
                problems.Add("not a class");
            }

            if (task.IsRecord)
            {
                problems.Add("a record");
            }

            if (task.IsStatic)
            {
                problems.Add("static");
            }
            else if (task.IsAbstract)
            {
                problems.Add("abstract");
            }

            if (task.IsGenericType)
            {
                problems.Add("generic");
            }

            if (task.ContainingType is not null)
            {
                problems.Add($"nested in '{task.ContainingType.Name}'");
            }

            if (task.BaseType is { SpecialType: not SpecialType.System_Object } baseType && task.TypeKind == TypeKind.Class && !IsGeneratedBase(task, baseType))
            {
                problems.Add($"derived from '{baseType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'");
            }

            return problems.Count == 0 ? null : string.Join(", ", problems);
        }

        /// <summary>
        /// The analyzers see the generator's part, which derives the class from the engine's base; that base is the
        /// task's own choice only when a declaration other than the generated one (which names it fully qualified) lists it.
        /// </summary>
        private static bool IsGeneratedBase(INamedTypeSymbol task, INamedTypeSymbol baseType) =>
            baseType.ToDisplayString() == GeneratedBase
            && !task.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax()).OfType<TypeDeclarationSyntax>()
                .Any(declaration => declaration.BaseList?.Types.Any(type => type.Type.ToString() != "global::" + GeneratedBase && type.Type.ToString().EndsWith("BlockwiseTaskBase", StringComparison.Ordinal)) == true);

        private const string GeneratedBase = "Volara.Runtime.Engine.BlockwiseTaskBase";
    }
}
