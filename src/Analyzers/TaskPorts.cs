using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Volara.Analyzers;

/// <summary>A task's input and output element types, in declaration order, and the Process parameters they call for.</summary>
internal sealed class TaskPorts
{
    private TaskPorts(ImmutableArray<IPropertySymbol> inputs, ImmutableArray<IPropertySymbol> outputs, ImmutableArray<ITypeSymbol> expectedParameters)
    {
        Inputs = inputs;
        Outputs = outputs;
        ExpectedParameters = expectedParameters;
    }

    public ImmutableArray<IPropertySymbol> Inputs { get; }

    public ImmutableArray<IPropertySymbol> Outputs { get; }

    /// <summary>Block, one ReadOnlyTensorSpan per input, one TensorSpan per output; empty when a port is untyped.</summary>
    public ImmutableArray<ITypeSymbol> ExpectedParameters { get; }

    /// <summary>The ports of <paramref name="task"/>; null when the DSL's span or block types are missing or a port has no element type.</summary>
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
        foreach (var (ports, span) in new[] { (inputs, types.ReadOnlyTensorSpan), (outputs, types.TensorSpan) })
        {
            foreach (var port in ports)
            {
                if (types.ElementTypeOf(port.Type) is not { } element)
                {
                    return null;
                }

                parameters.Add(span.Construct(element));
            }
        }

        return new TaskPorts(inputs, outputs, parameters.ToImmutable());
    }

    /// <summary>Parameter names for a fresh Process: "block" then each port's name in camelCase.</summary>
    public IEnumerable<string> SuggestedParameterNames()
    {
        yield return "block";
        foreach (var port in Inputs.Concat(Outputs))
        {
            yield return char.ToLowerInvariant(port.Name[0]) + port.Name.Substring(1);
        }
    }

    public bool Matches(IMethodSymbol process) =>
        process.ReturnsVoid
        && process.Parameters.Length == ExpectedParameters.Length
        && process.Parameters.Select(p => p.Type).SequenceEqual(ExpectedParameters, SymbolEqualityComparer.Default)
        && process.Parameters.All(p => p.RefKind == RefKind.None);

    public string Signature() =>
        "void Process(" + string.Join(", ", ExpectedParameters.Select(t => t.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ")";

    // Members come back from the symbol in source order within one declaration; partial parts are taken in the
    // order the compiler lists them, which is the order the generator sees too.
    private static ImmutableArray<IPropertySymbol> DeclarationOrder(INamedTypeSymbol task) =>
        task.GetMembers().OfType<IPropertySymbol>().ToImmutableArray();
}
