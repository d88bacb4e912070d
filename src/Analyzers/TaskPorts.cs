using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Volara.Generators.Rules;

namespace Volara.Analyzers;

/// <summary>
/// A task's input and output element types, in declaration order, and the Process parameters they call for. Ports
/// declared with the <c>Stored</c> marker make Process generic: their tensors are over its single type parameter.
/// </summary>
internal sealed class TaskPorts
{
    private readonly DslTypes types;

    private TaskPorts(DslTypes types, ImmutableArray<IPropertySymbol> inputs, ImmutableArray<IPropertySymbol> outputs, ImmutableArray<ITypeSymbol> expectedParameters, bool isGeneric)
    {
        this.types = types;
        Inputs = inputs;
        Outputs = outputs;
        ExpectedParameters = expectedParameters;
        IsGeneric = isGeneric;
    }

    public ImmutableArray<IPropertySymbol> Inputs { get; }

    public ImmutableArray<IPropertySymbol> Outputs { get; }

    /// <summary>Block, the worker state (when the task has <c>CreateWorkerState()</c>), one ReadOnlyTensorSpan per input, one TensorSpan per output; a <c>Stored</c> port's span is over <c>Stored</c>.</summary>
    public ImmutableArray<ITypeSymbol> ExpectedParameters { get; }

    /// <summary>Some port is <c>Stored</c>: Process is <c>Process&lt;T&gt;</c> with <c>where T : unmanaged, INumber&lt;T&gt;</c>.</summary>
    public bool IsGeneric { get; }

    /// <summary>The ports of <paramref name="task"/>; null when the DSL's span or block types are missing, a port has no element type or <c>CreateWorkerState</c> is unusable.</summary>
    public static TaskPorts? Of(INamedTypeSymbol task, DslTypes types)
    {
        if (types.Block is null || types.ReadOnlyTensorSpan is null || types.TensorSpan is null)
        {
            return null;
        }

        var properties = DeclarationOrder(task);
        var inputs = properties.Where(p => types.HasAttribute(p, types.InputAttribute)).ToImmutableArray();
        var outputs = properties.Where(p => types.HasAttribute(p, types.OutputAttribute)).ToImmutableArray();
        var parameters = ImmutableArray.CreateBuilder<ITypeSymbol>();
        parameters.Add(types.Block);
        if (!TaskMethodRules.TryGetWorkerState(task, out var state, out _))
        {
            // VOL0017 reports the unusable CreateWorkerState; a Process expectation without it would mislead.
            return null;
        }

        if (state is not null)
        {
            parameters.Add(state);
        }

        bool generic = false;
        foreach (var (ports, span) in new[] { (inputs, types.ReadOnlyTensorSpan), (outputs, types.TensorSpan) })
        {
            foreach (var port in ports)
            {
                if (SymbolEqualityComparer.Default.Equals(span, types.TensorSpan) && types.IsDatasetList(port.Type) && types.ArrayList is { } arrays)
                {
                    parameters.Add(arrays);
                    continue;
                }

                if (types.ElementTypeOf(port.Type) is not { } element)
                {
                    return null;
                }

                generic |= types.IsStored(element);
                parameters.Add(span.Construct(element));
            }
        }

        return new TaskPorts(types, inputs, outputs, parameters.ToImmutable(), generic);
    }

    /// <summary>Parameter names for a fresh Process: "block", "state" with a worker state, then each port's name in camelCase.</summary>
    public IEnumerable<string> SuggestedParameterNames()
    {
        yield return "block";
        if (ExpectedParameters.Length > 1 + Inputs.Length + Outputs.Length)
        {
            yield return "state";
        }

        foreach (var port in Inputs.Concat(Outputs))
        {
            yield return char.ToLowerInvariant(port.Name[0]) + port.Name.Substring(1);
        }
    }

    public bool Matches(IMethodSymbol process)
    {
        if (!process.ReturnsVoid || process.Parameters.Length != ExpectedParameters.Length || process.Parameters.Any(p => p.RefKind != RefKind.None)
            || process.TypeParameters.Length != (IsGeneric ? 1 : 0))
        {
            return false;
        }

        var typeParameter = IsGeneric ? process.TypeParameters[0] : null;
        if (typeParameter is not null && !HasStoredConstraints(typeParameter))
        {
            return false;
        }

        for (int i = 0; i < ExpectedParameters.Length; i++)
        {
            var expected = ExpectedParameters[i];
            if (typeParameter is not null && expected is INamedTypeSymbol { TypeArguments.Length: 1 } span && types.IsStored(span.TypeArguments[0]))
            {
                expected = span.ConstructedFrom.Construct(typeParameter);
            }

            if (!SymbolEqualityComparer.Default.Equals(process.Parameters[i].Type, expected))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The parameter types as source text, <c>Stored</c> written as the type parameter <c>T</c>.</summary>
    public IEnumerable<string> ParameterTypeTexts(System.Func<ITypeSymbol, string> display) =>
        ExpectedParameters.Select(type => type is INamedTypeSymbol { TypeArguments.Length: 1 } span && types.IsStored(span.TypeArguments[0])
            ? span.Name + "<T>"
            : display(type));

    public string Signature() =>
        "void Process" + (IsGeneric ? "<T>" : string.Empty)
        + "(" + string.Join(", ", ParameterTypeTexts(t => t.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ")"
        + (IsGeneric ? " where T : unmanaged, INumber<T>" : string.Empty);

    /// <summary><c>unmanaged</c>, and no constraint type but <c>INumber&lt;T&gt;</c> (the generated code instantiates every stored number type).</summary>
    private bool HasStoredConstraints(ITypeParameterSymbol typeParameter) =>
        typeParameter.HasUnmanagedTypeConstraint
        && !typeParameter.HasConstructorConstraint
        && typeParameter.ConstraintTypes.All(constraint => constraint is INamedTypeSymbol { TypeArguments.Length: 1 } number
            && SymbolEqualityComparer.Default.Equals(number.ConstructedFrom, types.INumber)
            && SymbolEqualityComparer.Default.Equals(number.TypeArguments[0], typeParameter));

    // Members come back from the symbol in source order within one declaration; partial parts are taken in the
    // order the compiler lists them, which is the order the generator sees too.
    private static ImmutableArray<IPropertySymbol> DeclarationOrder(INamedTypeSymbol task) =>
        task.GetMembers().OfType<IPropertySymbol>().ToImmutableArray();
}
