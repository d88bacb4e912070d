using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Volara.Generators.Rules
{
    /// <summary>What one parameter of Process is.</summary>
    internal enum ProcessParameterKind
    {
        /// <summary>The block.</summary>
        Block,

        /// <summary>The worker state <c>CreateWorkerState</c> returns.</summary>
        WorkerState,

        /// <summary>An input's <c>ReadOnlyTensorSpan&lt;T&gt;</c>.</summary>
        InputTensor,

        /// <summary>An output's <c>TensorSpan&lt;T&gt;</c>.</summary>
        OutputTensor,

        /// <summary>A list output's opened arrays, <c>IReadOnlyList&lt;VolumeArray?&gt;</c>.</summary>
        ArrayList,
    }

    /// <summary>
    /// One parameter of the Process the ports call for: its kind, and the state type or the tensor's element (null for a
    /// <c>Stored</c> port, whose tensor is over Process's type parameter).
    /// </summary>
    internal sealed class ProcessParameter
    {
        public ProcessParameter(ProcessParameterKind kind, ITypeSymbol? type, string name)
        {
            Kind = kind;
            Type = type;
            Name = name;
        }

        public ProcessParameterKind Kind { get; }

        public ITypeSymbol? Type { get; }

        /// <summary>The name a fresh Process gives it: "block", "state", or the port's name in camelCase.</summary>
        public string Name { get; }

        /// <summary>Its type as source text, <paramref name="display"/> writing the symbols; a <c>Stored</c> tensor is over <c>T</c>.</summary>
        public string Text(System.Func<ITypeSymbol, string> display) => Kind switch
        {
            ProcessParameterKind.Block => "Block",
            ProcessParameterKind.ArrayList => "IReadOnlyList<VolumeArray?>",
            ProcessParameterKind.WorkerState => display(Type!),
            _ => (Kind == ProcessParameterKind.InputTensor ? KnownNames.ReadOnlyTensorSpan : KnownNames.TensorSpan) + "<" + (Type is null ? "T" : display(Type)) + ">",
        };

        /// <summary>The declared parameter's type is this one (<paramref name="typeParameter"/> standing for <c>T</c>).</summary>
        public bool Accepts(ITypeSymbol declared, ITypeParameterSymbol? typeParameter)
        {
            switch (Kind)
            {
                case ProcessParameterKind.Block:
                    return declared.ToDisplayString() == KnownNames.Block;
                case ProcessParameterKind.WorkerState:
                    return SymbolEqualityComparer.Default.Equals(declared, Type);
                case ProcessParameterKind.ArrayList:
                    return declared is INamedTypeSymbol { Name: "IReadOnlyList", TypeArguments.Length: 1 } list
                        && list.ContainingNamespace.ToDisplayString() == KnownNames.CollectionsNamespace
                        && list.TypeArguments[0].WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() == KnownNames.VolumeArray;
                default:
                    return declared is INamedTypeSymbol { TypeArguments.Length: 1 } span
                        && span.Name == (Kind == ProcessParameterKind.InputTensor ? KnownNames.ReadOnlyTensorSpan : KnownNames.TensorSpan)
                        && span.ContainingNamespace.ToDisplayString() == KnownNames.TensorsNamespace
                        && SymbolEqualityComparer.Default.Equals(span.TypeArguments[0], (ITypeSymbol?)Type ?? typeParameter);
            }
        }
    }

    /// <summary>
    /// The Process a task's ports call for: block, the worker state (when the class has <c>CreateWorkerState</c>), one
    /// read-only tensor per input and one tensor per output over the port's <c>T</c> (list outputs: the opened arrays);
    /// <c>Stored</c> ports make it <c>Process&lt;T&gt;</c> with <c>where T : unmanaged, INumber&lt;T&gt;</c>.
    /// </summary>
    internal sealed class ExpectedProcess
    {
        public ExpectedProcess(IReadOnlyList<ProcessParameter> parameters, bool isGeneric)
        {
            Parameters = parameters;
            IsGeneric = isGeneric;
        }

        public IReadOnlyList<ProcessParameter> Parameters { get; }

        public bool IsGeneric { get; }

        public string Signature() =>
            "void Process" + (IsGeneric ? "<T>" : string.Empty)
            + "(" + string.Join(", ", Parameters.Select(p => p.Text(t => t.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)))) + ")"
            + (IsGeneric ? " where T : unmanaged, INumber<T>" : string.Empty);

        /// <summary>The generator can call <paramref name="process"/> with these parameters.</summary>
        public bool Matches(IMethodSymbol process)
        {
            if (process.IsStatic || !process.ReturnsVoid || process.Parameters.Length != Parameters.Count
                || process.Parameters.Any(p => p.RefKind != RefKind.None)
                || process.TypeParameters.Length != (IsGeneric ? 1 : 0))
            {
                return false;
            }

            var typeParameter = IsGeneric ? process.TypeParameters[0] : null;
            if (typeParameter is not null && !HasStoredConstraints(typeParameter))
            {
                return false;
            }

            for (int i = 0; i < Parameters.Count; i++)
            {
                if (!Parameters[i].Accepts(process.Parameters[i].Type, typeParameter))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><c>unmanaged</c>, and no constraint type but <c>INumber&lt;T&gt;</c> (the generated code instantiates every stored number type).</summary>
        private static bool HasStoredConstraints(ITypeParameterSymbol typeParameter) =>
            typeParameter.HasUnmanagedTypeConstraint
            && !typeParameter.HasConstructorConstraint
            && typeParameter.ConstraintTypes.All(constraint => constraint is INamedTypeSymbol { Name: "INumber", TypeArguments.Length: 1 } number
                && number.ContainingNamespace.ToDisplayString() == KnownNames.NumericsNamespace
                && SymbolEqualityComparer.Default.Equals(number.TypeArguments[0], typeParameter));
    }
}
