namespace Volara.Generators.Model
{
    /// <summary>Everything the emitter needs about one task class, as plain values (no symbols, no syntax).</summary>
    /// <param name="Namespace">The class's namespace; empty for the global namespace.</param>
    /// <param name="ClassName">The class name.</param>
    /// <param name="TaskType">The <c>task_type</c>.</param>
    /// <param name="BlockSize">The block size; null only for a whole-volume task.</param>
    /// <param name="Hooks">The partial hooks the class implements.</param>
    /// <param name="ReadWriteConflict">volara's <c>read_write_conflict</c>.</param>
    /// <param name="WholeRoi">One block covering the whole write ROI.</param>
    /// <param name="OwnName">The class declares its own <c>Name</c>.</param>
    /// <param name="Fit">The <c>BlockFit</c> member name of the layout's fit (<c>Shrink</c> unless the task says otherwise).</param>
    /// <param name="Fields">The configuration fields, in declaration order, then the execution options.</param>
    /// <param name="Summary">The class's documentation summary as plain text, or null.</param>
    /// <param name="WorkerState">The per-worker state, when the class has <c>CreateWorkerState()</c>.</param>
    /// <param name="OverlapIo">Blocks are read ahead and written behind while Process runs, in three slots of buffers.</param>
    public sealed record TaskModel(
        string Namespace,
        string ClassName,
        string TaskType,
        EquatableArray<PortModel> Inputs,
        EquatableArray<PortModel> Outputs,
        SettingModel? BlockSize,
        SettingModel? Context,
        SettingModel? WriteRoi,
        HookModel Hooks,
        bool ReadWriteConflict,
        bool WholeRoi,
        bool OwnName,
        EquatableArray<ParameterCheckModel> ParameterChecks,
        string Fit,
        WorkerStateModel? WorkerState,
        EquatableArray<FieldModel> Fields = default,
        string? Summary = null,
        bool OverlapIo = false)
    {
        /// <summary>A file name unique per class: namespace and class name.</summary>
        public string HintName => (Namespace.Length == 0 ? ClassName : Namespace + "." + ClassName) + ".g.cs";

        /// <summary>Process is generic over the stored type of the first <c>Stored</c> input.</summary>
        public bool IsGeneric
        {
            get
            {
                foreach (var input in Inputs)
                {
                    if (input.Stored)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
