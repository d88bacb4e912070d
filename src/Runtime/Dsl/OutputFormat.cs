using Volara.Runtime.Storage;

namespace Volara.Runtime.Dsl;

/// <summary>
/// What one entry of a list output holds: its channel count and stored type. A task with a list output says it per entry
/// through <c>OutputFormat OutputFormat(string field, int index)</c>, which the generated Init calls.
/// </summary>
/// <param name="Channels">Length of the leading channel axis.</param>
/// <param name="DataType">The stored element type.</param>
public readonly record struct OutputFormat(int Channels, DataType DataType);
