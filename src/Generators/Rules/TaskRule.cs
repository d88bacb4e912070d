namespace Volara.Generators.Rules
{
    /// <summary>
    /// A rule a <c>[VolaraTask]</c> class must follow for the generator to complete it. The generator leaves a class that
    /// breaks any of them alone; the analyzers report each broken rule under its own diagnostic id.
    /// </summary>
    internal enum TaskRule
    {
        /// <summary>A declaration of the class is not <c>partial</c>.</summary>
        NotPartial,

        /// <summary>No <c>Process</c> method.</summary>
        ProcessMissing,

        /// <summary>A <c>Process</c> method does not take the parameters the ports call for.</summary>
        ProcessSignatureMismatch,

        /// <summary>The first input is nullable.</summary>
        FirstInputOptional,

        /// <summary>A <c>Stored</c> output without a required <c>Stored</c> input to take its type from.</summary>
        StoredOutputWithoutStoredInput,

        /// <summary>No required output and no <c>Name</c> property.</summary>
        TaskNameUndetermined,

        /// <summary>No input, yet blocks or outputs to lay out.</summary>
        TaskWithoutInput,

        /// <summary>No <c>[BlockSize]</c> property on a blockwise task.</summary>
        BlockSizeMissing,

        /// <summary>A <c>[BlockSize]</c>, <c>[Context]</c> or <c>[WriteRoi]</c> property of the wrong type, or repeated.</summary>
        SettingMisdeclared,

        /// <summary>Not a top-level, non-generic, non-abstract, non-static class without a base class.</summary>
        ClassNotCompletable,

        /// <summary>A port that is not a typed dataset.</summary>
        PortNotTypedDataset,

        /// <summary>A <c>CreateWorkerState</c> the generator cannot call.</summary>
        WorkerStateUnusable,

        /// <summary>A list output without a usable <c>OutputFormat</c>.</summary>
        OutputFormatMissing,

        /// <summary>The <c>[VolaraTask]</c> attribute names no task type, or an unknown fit.</summary>
        TaskAttributeInvalid,

        /// <summary>A list output declared nullable or <c>SpatialOnly</c>.</summary>
        ListOutputMisdeclared,

        /// <summary>An <c>[OffsetsOf]</c>, <c>[PerOffset]</c> or <c>[EdgeAttributesOf]</c> that names no property it can check against.</summary>
        LinkMisdeclared,
    }
}
