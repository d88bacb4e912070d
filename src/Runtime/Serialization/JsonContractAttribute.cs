namespace Volara.Runtime.Serialization;

/// <summary>
/// Marks a <c>partial</c> class or record whose System.Text.Json contract the source generator writes, the way it writes
/// a task's: made by its parameterless constructor and filled through each field's own accessor, so a field a file
/// leaves out keeps its initial value (System.Text.Json's own source generation would reset an <c>init</c> member to its
/// type's default). The contract is registered in <see cref="JsonContracts"/> when the assembly loads.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class JsonContractAttribute : Attribute;
