using Volara.Runtime.Engine.Scheduling;
using Volara.Runtime.Progress;

namespace Volara.Runtime.Engine.Reporting;

/// <summary>
/// One task's progress line in daisy's layout, e.g.
/// <c>name ✔: 100%|█| 75/75 [00:26&lt;00:00, 2.82blocks/s, ⧗=0, ▶=0, ✔=75, ✗=0, ∅=0]</c>.
/// </summary>
public static class TaskProgressLine
{
    public static string Format(in TaskState state, TimeSpan elapsed)
    {
        var progressState = !state.IsDone ? ProgressState.Running
            : state.Failed > 0 ? ProgressState.Failed
            : state.Orphaned > 0 ? ProgressState.Orphaned
            : ProgressState.Succeeded;
        var snapshot = new ProgressSnapshot(state.TaskName, state.Completed, state.Total, elapsed, "blocks", progressState)
        {
            Postfix = Postfix(state),
        };
        return ProgressLine.Format(snapshot);
    }

    public static string Postfix(in TaskState state) =>
        $"⧗={ProgressLine.FormatCount(state.Pending)}, ▶={ProgressLine.FormatCount(state.Processing)}, " +
        $"✔={ProgressLine.FormatCount(state.Completed)}, ✗={ProgressLine.FormatCount(state.Failed)}, ∅={ProgressLine.FormatCount(state.Orphaned)}";
}
