using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Volara.Generators.Rules
{
    /// <summary>
    /// The shapes the generator calls a task's own methods in: <c>CreateWorkerState()</c> and
    /// <c>OutputFormat(string, int)</c>. Compiled into the generator and the analyzers alike, so the class the generator
    /// leaves alone is exactly the class the analyzers report. Each problem reads after the method's name.
    /// </summary>
    internal static class TaskMethodRules
    {
        public const string CreateWorkerStateMethod = "CreateWorkerState";
        public const string OutputFormatMethod = "OutputFormat";
        public const string OutputFormatType = "Volara.Runtime.Dsl.OutputFormat";

        /// <summary>The task's <c>CreateWorkerState</c> overloads; none when it keeps no per-worker state.</summary>
        public static IReadOnlyList<IMethodSymbol> WorkerStateCandidates(INamedTypeSymbol task) =>
            task.GetMembers(CreateWorkerStateMethod).OfType<IMethodSymbol>().ToList();

        /// <summary>
        /// Why the generator cannot call <paramref name="method"/>, one of <paramref name="overloads"/> candidates, once
        /// per worker and pass its result to Process; null when it can.
        /// </summary>
        public static string? WorkerStateProblem(IMethodSymbol method, int overloads)
        {
            var problems = new List<string>();
            if (overloads > 1)
            {
                problems.Add("overloaded");
            }

            if (method.IsStatic)
            {
                problems.Add("static");
            }

            if (method.TypeParameters.Length != 0)
            {
                problems.Add("generic");
            }

            if (method.Parameters.Length > 1 || (method.Parameters.Length == 1 && !TakesWorkerNumber(method)))
            {
                problems.Add("takes parameters other than (int worker)");
            }

            if (method.ReturnsVoid)
            {
                problems.Add("returns void");
            }
            else if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                problems.Add("returns by reference");
            }
            else if (method.ReturnType.IsRefLikeType)
            {
                problems.Add("returns a ref struct");
            }

            return problems.Count == 0 ? null : string.Join(", ", problems);
        }

        /// <summary>
        /// The state type of the task's <c>CreateWorkerState()</c> (null when it has none) and whether it takes the worker's
        /// number; false when it has one the generator cannot call.
        /// </summary>
        public static bool TryGetWorkerState(INamedTypeSymbol task, out ITypeSymbol? state, out bool takesWorker)
        {
            state = null;
            takesWorker = false;
            var candidates = WorkerStateCandidates(task);
            if (candidates.Count == 0)
            {
                return true;
            }

            if (WorkerStateProblem(candidates[0], candidates.Count) is not null)
            {
                return false;
            }

            state = candidates[0].ReturnType;
            takesWorker = TakesWorkerNumber(candidates[0]);
            return true;
        }

        /// <summary><c>CreateWorkerState(int worker)</c>: the state is made for the worker of that number (a GPU per worker).</summary>
        public static bool TakesWorkerNumber(IMethodSymbol method) =>
            method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_Int32 && method.Parameters[0].RefKind == RefKind.None;

        /// <summary>The task's <c>OutputFormat</c> overloads, usable or not.</summary>
        public static IReadOnlyList<IMethodSymbol> OutputFormatCandidates(INamedTypeSymbol task) =>
            task.GetMembers(OutputFormatMethod).OfType<IMethodSymbol>().ToList();

        /// <summary>
        /// Why the generator cannot call <paramref name="method"/> as <c>OutputFormat OutputFormat(string field, int index)</c>
        /// for each list output entry; null when it can.
        /// </summary>
        public static string? OutputFormatProblem(IMethodSymbol method)
        {
            var problems = new List<string>();
            if (method.IsStatic)
            {
                problems.Add("static");
            }

            if (method.TypeParameters.Length != 0)
            {
                problems.Add("generic");
            }

            if (method.Parameters.Length != 2
                || method.Parameters[0].Type.SpecialType != SpecialType.System_String
                || method.Parameters[1].Type.SpecialType != SpecialType.System_Int32
                || method.Parameters.Any(p => p.RefKind != RefKind.None))
            {
                problems.Add("does not take (string field, int index)");
            }

            if (method.ReturnType.ToDisplayString() != OutputFormatType)
            {
                problems.Add("does not return OutputFormat");
            }

            return problems.Count == 0 ? null : string.Join(", ", problems);
        }

        /// <summary>Some overload of the task's <c>OutputFormat</c> is usable: a task with a list output needs one.</summary>
        public static bool HasOutputFormat(INamedTypeSymbol task) =>
            OutputFormatCandidates(task).Any(method => OutputFormatProblem(method) is null);
    }
}
