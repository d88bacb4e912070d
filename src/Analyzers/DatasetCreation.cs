using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Volara.Analyzers;

/// <summary>
/// The untyped dataset creation behind a port's value — <c>new Affs { Store = …, Neighborhood = … }</c> — through
/// conversions, locals and the typed wrapper <c>new Affs&lt;float&gt;(new Affs { … })</c>.
/// </summary>
internal static class DatasetCreation
{
    public static IObjectCreationOperation? Of(IOperation value)
    {
        for (int depth = 0; depth < 8; depth++)
        {
            switch (LocalValues.Resolve(value))
            {
                case IObjectCreationOperation { Initializer: null, Arguments.Length: 1 } typed:
                    value = typed.Arguments[0].Value;
                    continue;
                case IObjectCreationOperation { Initializer: not null } creation:
                    return creation;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The value the creation's initializer gives <paramref name="property"/>; null when it gives none.</summary>
    public static IOperation? Member(IObjectCreationOperation creation, string property)
    {
        foreach (var member in creation.Initializer!.Initializers)
        {
            if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name } } assignment && name == property)
            {
                return assignment.Value;
            }
        }

        return null;
    }

    /// <summary>The store path of the creation when known at compile time, for messages; the dataset type's name otherwise.</summary>
    public static string Describe(IObjectCreationOperation creation) =>
        (Member(creation, "Store") is { } store ? StorePath.Of(store) : null) ?? creation.Type?.Name ?? "?";
}
