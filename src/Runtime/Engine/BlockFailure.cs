namespace Volara.Runtime.Engine;

/// <summary>Why a block attempt failed, as reported to the scheduler and listed in the summary.</summary>
/// <param name="WorkerId">The worker that ran the attempt (-1 when not known).</param>
/// <param name="Reason">Exception type and message, "timeout", or "worker died".</param>
public sealed record BlockFailure(int WorkerId, string Reason);
