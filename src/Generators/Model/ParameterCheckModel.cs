namespace Volara.Generators.Model
{
    /// <summary>
    /// A parameter checked against another property at run time: <c>[OffsetsOf]</c> (offsets in an affinities port's
    /// neighbourhood), <c>[PerOffset]</c> (one value per offset of an affinities port's or a list's neighbourhood) or
    /// <c>[EdgeAttributesOf]</c> (keys among a graph database's declared edge attributes).
    /// </summary>
    /// <param name="Kind">What is checked.</param>
    /// <param name="Property">The parameter property.</param>
    /// <param name="Field">Its configuration name.</param>
    /// <param name="Target">The affinities port or database property it names.</param>
    /// <param name="TargetField">That property's configuration name.</param>
    public sealed record ParameterCheckModel(ParameterCheckKind Kind, string Property, string Field, string Target, string TargetField);
}
