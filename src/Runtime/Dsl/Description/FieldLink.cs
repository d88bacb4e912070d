namespace Volara.Runtime.Dsl.Description;

/// <summary>A field whose value is checked against another field of the same task.</summary>
/// <param name="Kind">What is checked.</param>
/// <param name="Field">The checked field.</param>
/// <param name="Target">The field it is checked against.</param>
public sealed record FieldLink(FieldLinkKind Kind, string Field, string Target);

/// <summary>What a <see cref="FieldLink"/> checks.</summary>
public enum FieldLinkKind
{
    /// <summary><c>[PerOffset]</c>: one value per offset of the target's neighbourhood (an affinities dataset or a list).</summary>
    PerOffset,

    /// <summary><c>[OffsetsOf]</c>: offsets within the target affinities' neighbourhood.</summary>
    OffsetsOf,

    /// <summary><c>[EdgeAttributesOf]</c>: keys among the target graph database's edge attributes.</summary>
    EdgeAttributesOf,
}
