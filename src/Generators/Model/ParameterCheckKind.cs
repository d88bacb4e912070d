namespace Volara.Generators.Model
{
    /// <summary>What a <see cref="ParameterCheckModel"/> checks.</summary>
    public enum ParameterCheckKind
    {
        /// <summary>Offsets in the neighbourhood of an <c>Affs&lt;T&gt;</c> port.</summary>
        OffsetsOf,

        /// <summary>Keys among the <c>EdgeAttrs</c> of a graph database configuration.</summary>
        EdgeAttributesOf,

        /// <summary>One value per offset of the neighbourhood of an <c>Affs&lt;T&gt;</c> port.</summary>
        PerOffsetOfAffinities,

        /// <summary>One value per offset of a neighbourhood list property.</summary>
        PerOffsetOfList,
    }
}
