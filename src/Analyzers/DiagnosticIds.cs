namespace Volara.Analyzers;

/// <summary>
/// Every diagnostic id of the DSL analyzers, in one place so fixers and tests name them without repeating strings.
/// Ranges: 00xx declaration shape, 01xx dtypes, 02xx neighbourhoods and pipelines.
/// </summary>
public static class DiagnosticIds
{
    public const string TaskNotPartial = "VOL0001";
    public const string ProcessMissing = "VOL0002";
    public const string ProcessSignatureMismatch = "VOL0003";
    public const string ContextDimensionsMismatch = "VOL0004";
    public const string BlockSizeNotPositive = "VOL0005";
    public const string ContextNegative = "VOL0006";
    public const string VoxelSizeNotPositive = "VOL0007";
    public const string VoxelSizeDimensionsMismatch = "VOL0008";
    public const string FirstInputOptional = "VOL0009";
    public const string StoredOutputWithoutStoredInput = "VOL0010";
    public const string TaskNameUndetermined = "VOL0011";
    public const string TaskWithoutInput = "VOL0012";
    public const string BlockSizeMissing = "VOL0013";
    public const string SettingMisdeclared = "VOL0014";
    public const string TaskClassNotCompletable = "VOL0015";
    public const string PortNotTypedDataset = "VOL0016";
    public const string WorkerStateUnusable = "VOL0017";
    public const string OutputFormatMissing = "VOL0018";
    public const string TaskAttributeInvalid = "VOL0019";
    public const string ListOutputMisdeclared = "VOL0020";
    public const string LinkMisdeclared = "VOL0021";
    public const string OutputRankMismatch = "VOL0022";
    public const string OverlapIoWithoutEffect = "VOL0023";
    public const string InputRequirementNotMet = "VOL0101";
    public const string DatasetElementTypeMismatch = "VOL0102";
    public const string PerOffsetLengthMismatch = "VOL0201";
    public const string DatasetWrittenTwice = "VOL0202";
    public const string TaskReadsOwnOutput = "VOL0203";
    public const string OffsetNotInNeighborhood = "VOL0204";
    public const string EdgeAttributeNotDeclared = "VOL0205";
}
