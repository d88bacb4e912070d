namespace Volara.Generators.Model
{
    /// <summary>Everything the emitter needs about one task class, as plain values (no symbols, no syntax).</summary>
    /// <param name="Namespace">The class's namespace; empty for the global namespace.</param>
    /// <param name="ClassName">The class name.</param>
    /// <param name="TaskType">The <c>task_type</c>.</param>
    /// <param name="HasValidateHook">The class implements <c>partial void Validate()</c>.</param>
    public sealed record TaskModel(
        string Namespace,
        string ClassName,
        string TaskType,
        EquatableArray<PortModel> Inputs,
        EquatableArray<PortModel> Outputs,
        SettingModel BlockSize,
        SettingModel? Context,
        SettingModel? WriteRoi,
        bool HasValidateHook)
    {
        /// <summary>A file name unique per class: namespace and class name.</summary>
        public string HintName => (Namespace.Length == 0 ? ClassName : Namespace + "." + ClassName) + ".g.cs";
    }
}
