namespace Volara.Runtime.Engine.Pipelines;

/// <summary>A pipeline that cannot run: duplicate task names or a cycle.</summary>
public sealed class PipelineException(string message) : Exception(message);
