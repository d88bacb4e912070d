namespace Volara.Runtime.Engine.Execution;

/// <summary>A block whose outputs are written (<see cref="Error"/> null) or that failed at one of its stages.</summary>
public readonly record struct BlockOutcome(Block Block, Exception? Error);
