namespace Volara.Runtime.Dsl.Rules;

/// <summary>
/// Which element types satisfy an input's <see cref="ElementKinds"/> requirement. Pure functions on type names,
/// source-linked into the analyzers, so the compile-time check and any runtime check are one rule.
/// </summary>
public static class ElementKindRules
{
    /// <summary>The kind of the element type with this full metadata name (e.g. <c>System.UInt64</c>); 0 when it is no DSL element type.</summary>
    public static ElementKinds KindOf(string fullName) => fullName switch
    {
        "System.SByte" or "System.Int16" or "System.Int32" or "System.Int64" => ElementKinds.SignedInteger,
        "System.Byte" or "System.UInt16" or "System.UInt32" or "System.UInt64" => ElementKinds.UnsignedInteger,
        "System.Half" or "System.Single" or "System.Double" => ElementKinds.FloatingPoint,
        "System.Boolean" => ElementKinds.Boolean,
        _ => 0,
    };

    /// <summary>Whether an element type of kind <paramref name="actual"/> meets <paramref name="required"/>.</summary>
    public static bool Satisfies(ElementKinds required, ElementKinds actual) => (required & actual) != 0;

    /// <summary>The requirement as words for messages, e.g. "unsigned integer or floating point".</summary>
    public static string Describe(ElementKinds required)
    {
        var names = new System.Collections.Generic.List<string>();
        if ((required & ElementKinds.SignedInteger) != 0) names.Add("signed integer");
        if ((required & ElementKinds.UnsignedInteger) != 0) names.Add("unsigned integer");
        if ((required & ElementKinds.FloatingPoint) != 0) names.Add("floating point");
        if ((required & ElementKinds.Boolean) != 0) names.Add("boolean");
        return string.Join(" or ", names);
    }
}
