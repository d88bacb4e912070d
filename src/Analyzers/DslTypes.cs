using System.Linq;
using Microsoft.CodeAnalysis;
using Volara.Runtime.Dsl;

namespace Volara.Analyzers;

/// <summary>
/// The DSL's types, resolved once per compilation by metadata name (the analyzers never reference the runtime).
/// Null when the compilation does not use the DSL, in which case no analysis runs.
/// </summary>
internal sealed class DslTypes
{
    private DslTypes(Compilation compilation)
    {
        TaskAttribute = compilation.GetTypeByMetadataName("Volara.Runtime.Dsl.VolaraTaskAttribute")!;
        InputAttribute = compilation.GetTypeByMetadataName("Volara.Runtime.Dsl.InputAttribute");
        OutputAttribute = compilation.GetTypeByMetadataName("Volara.Runtime.Dsl.OutputAttribute");
        BlockSizeAttribute = compilation.GetTypeByMetadataName("Volara.Runtime.Dsl.BlockSizeAttribute");
        ContextAttribute = compilation.GetTypeByMetadataName("Volara.Runtime.Dsl.ContextAttribute");
        PerOffsetAttribute = compilation.GetTypeByMetadataName("Volara.Runtime.Dsl.PerOffsetAttribute");
        OffsetsOfAttribute = compilation.GetTypeByMetadataName("Volara.Runtime.Dsl.OffsetsOfAttribute");
        EdgeAttributesOfAttribute = compilation.GetTypeByMetadataName("Volara.Runtime.Dsl.EdgeAttributesOfAttribute");
        Dataset = compilation.GetTypeByMetadataName("Volara.Runtime.Datasets.Dataset");
        Block = compilation.GetTypeByMetadataName("Volara.Runtime.Engine.Block");
        Coordinate = compilation.GetTypeByMetadataName("Volara.Runtime.Geometry.Coordinate");
        Stored = compilation.GetTypeByMetadataName("Volara.Runtime.Dsl.Stored");
        ReadOnlyTensorSpan = compilation.GetTypeByMetadataName("System.Numerics.Tensors.ReadOnlyTensorSpan`1");
        TensorSpan = compilation.GetTypeByMetadataName("System.Numerics.Tensors.TensorSpan`1");
        ReadOnlyList = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");
        VolumeArray = compilation.GetTypeByMetadataName("Volara.Runtime.Datasets.VolumeArray");
    }

    public INamedTypeSymbol TaskAttribute { get; }

    public INamedTypeSymbol? InputAttribute { get; }

    public INamedTypeSymbol? OutputAttribute { get; }

    public INamedTypeSymbol? BlockSizeAttribute { get; }

    public INamedTypeSymbol? ContextAttribute { get; }

    public INamedTypeSymbol? PerOffsetAttribute { get; }

    public INamedTypeSymbol? OffsetsOfAttribute { get; }

    public INamedTypeSymbol? EdgeAttributesOfAttribute { get; }

    /// <summary>The base of the untyped dataset descriptions (<c>Raw</c>, <c>Affs</c>, …).</summary>
    public INamedTypeSymbol? Dataset { get; }

    public bool IsDataset(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, Dataset))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The property name an attribute such as <c>[OffsetsOf(nameof(Affs))]</c> on <paramref name="property"/> names; null without it.</summary>
    public string? NamedArgumentOf(IPropertySymbol property, INamedTypeSymbol? attribute)
    {
        foreach (var data in property.GetAttributes())
        {
            if (attribute is not null
                && SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute)
                && data.ConstructorArguments.Length == 1
                && data.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return null;
    }

    public INamedTypeSymbol? Block { get; }

    public INamedTypeSymbol? Coordinate { get; }

    /// <summary>The marker element type of ports read in their stored type (Process is then generic).</summary>
    public INamedTypeSymbol? Stored { get; }

    public bool IsStored(ITypeSymbol? elementType) => Stored is not null && SymbolEqualityComparer.Default.Equals(elementType, Stored);

    public INamedTypeSymbol? ReadOnlyTensorSpan { get; }

    public INamedTypeSymbol? TensorSpan { get; }

    public INamedTypeSymbol? ReadOnlyList { get; }

    public INamedTypeSymbol? VolumeArray { get; }

    /// <summary>What Process receives for a list output: <c>IReadOnlyList&lt;VolumeArray?&gt;</c>, the opened entries.</summary>
    public ITypeSymbol? ArrayList =>
        ReadOnlyList is null || VolumeArray is null ? null : ReadOnlyList.Construct(VolumeArray.WithNullableAnnotation(NullableAnnotation.Annotated));

    public static DslTypes? From(Compilation compilation) =>
        compilation.GetTypeByMetadataName("Volara.Runtime.Dsl.VolaraTaskAttribute") is null ? null : new DslTypes(compilation);

    public bool IsTask(INamedTypeSymbol type) => HasAttribute(type, TaskAttribute);

    /// <summary>The class's <c>[VolaraTask]</c>; null when it is not a task.</summary>
    public AttributeData? TaskAttributeOf(INamedTypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(data => SymbolEqualityComparer.Default.Equals(data.AttributeClass, TaskAttribute));

    /// <summary>The task declares <c>[VolaraTask(…, ReadWriteConflict = true)]</c>: it may read what it writes.</summary>
    public bool HasReadWriteConflict(INamedTypeSymbol task)
    {
        foreach (var data in task.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, TaskAttribute))
            {
                foreach (var argument in data.NamedArguments)
                {
                    if (argument.Key == "ReadWriteConflict" && argument.Value.Value is true)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    public bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return false;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What an input's <c>[Input(Requires = …)]</c> asks of its element type; <see cref="ElementKinds.Any"/> when nothing.</summary>
    public ElementKinds RequirementOf(IPropertySymbol port)
    {
        foreach (var data in port.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(data.AttributeClass, InputAttribute))
            {
                continue;
            }

            foreach (var argument in data.NamedArguments)
            {
                if (argument.Key == "Requires" && argument.Value.Value is int kinds)
                {
                    return (ElementKinds)kinds;
                }
            }
        }

        return ElementKinds.Any;
    }

    /// <summary>The neighbourhood property a <c>[PerOffset(…)]</c> list names; null for any other property.</summary>
    public string? PerOffsetNeighborhood(IPropertySymbol property)
    {
        foreach (var data in property.GetAttributes())
        {
            if (PerOffsetAttribute is not null
                && SymbolEqualityComparer.Default.Equals(data.AttributeClass, PerOffsetAttribute)
                && data.ConstructorArguments.Length == 1
                && data.ConstructorArguments[0].Value is string neighborhood)
            {
                return neighborhood;
            }
        }

        return null;
    }
}
