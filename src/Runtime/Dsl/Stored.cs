namespace Volara.Runtime.Dsl;

/// <summary>
/// The element type of a port read (or written) in the array's stored numeric type:
/// <c>[Input] public required Affs&lt;Stored&gt; Affs { get; init; }</c>. <c>Process</c> is then generic,
/// <c>Process&lt;T&gt;(Block block, ReadOnlyTensorSpan&lt;T&gt; affs, …) where T : unmanaged, INumber&lt;T&gt;</c>, and the
/// generated processor picks <c>T</c> once from the first <c>Stored</c> input's data type (no conversion copies).
/// Further <c>Stored</c> inputs are converted to that type; <c>Stored</c> outputs are created with it.
/// </summary>
public readonly struct Stored
{
}
