namespace Volara.Runtime.Engine.Scheduling;

/// <summary>One failed attempt of a block, for the summary (retries included).</summary>
public readonly record struct FailureRecord(ulong BlockId, BlockFailure Failure);
