namespace Volara.Generators.Model
{
    /// <summary>An <c>[Input]</c> or <c>[Output]</c> property.</summary>
    /// <param name="Property">The property name.</param>
    /// <param name="Field">Its configuration name, used in messages.</param>
    /// <param name="ElementType">The fully qualified element type <c>T</c>.</param>
    /// <param name="SpatialOnly">For outputs: prepared with the physical axes of the first input only.</param>
    public sealed record PortModel(string Property, string Field, string ElementType, bool SpatialOnly);
}
