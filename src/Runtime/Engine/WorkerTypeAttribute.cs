namespace Volara.Runtime.Engine;

/// <summary>Names a <see cref="WorkerConfig"/> class in JSON: its <c>worker_type</c> (e.g. <c>"slurm"</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WorkerTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
