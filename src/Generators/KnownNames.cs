namespace Volara.Generators
{
    /// <summary>The runtime types the generator recognises, by metadata name only (it does not reference the runtime).</summary>
    internal static class KnownNames
    {
        public const string DslNamespace = "Volara.Runtime.Dsl";
        public const string VolaraTaskAttribute = "Volara.Runtime.Dsl.VolaraTaskAttribute";
        public const string InputAttribute = "Volara.Runtime.Dsl.InputAttribute";
        public const string OutputAttribute = "Volara.Runtime.Dsl.OutputAttribute";
        public const string ParameterAttribute = "Volara.Runtime.Dsl.ParameterAttribute";
        public const string BlockSizeAttribute = "Volara.Runtime.Dsl.BlockSizeAttribute";
        public const string ContextAttribute = "Volara.Runtime.Dsl.ContextAttribute";
        public const string WriteRoiAttribute = "Volara.Runtime.Dsl.WriteRoiAttribute";
        public const string OffsetsOfAttribute = "Volara.Runtime.Dsl.OffsetsOfAttribute";
        public const string EdgeAttributesOfAttribute = "Volara.Runtime.Dsl.EdgeAttributesOfAttribute";
        public const string PerOffsetAttribute = "Volara.Runtime.Dsl.PerOffsetAttribute";
        public const string InputRequires = "Requires";
        public const string ParameterWrites = "Writes";
        public const string Stored = "Volara.Runtime.Dsl.Stored";
        public const string NumericsNamespace = "System.Numerics";
        public const string ReadWriteConflict = "ReadWriteConflict";
        public const string WholeRoi = "WholeRoi";
        public const string Fit = "Fit";
        public const string OverlapIo = "OverlapIo";
        public const string PendingWrites = "Volara.Runtime.Dsl.IPendingWrites";
        public const string Dataset = "Volara.Runtime.Datasets.Dataset";
        public const string VolumeArray = "Volara.Runtime.Datasets.VolumeArray";
        public const string StoredResult = "Volara.Runtime.Storage.IStoredResult";
        public const string CollectionsNamespace = "System.Collections.Generic";
        public const string Disposable = "System.IDisposable";
        public const string EdgeAttrs = "EdgeAttrs";
        public const string EdgeAttrsType = "System.Collections.Generic.IReadOnlyDictionary<string, string>";
        public const string NameProperty = "Name";
        public const string JsonContractAttribute = "Volara.Runtime.Serialization.JsonContractAttribute";
        public const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
        public const string JsonConverterAttribute = "System.Text.Json.Serialization.JsonConverterAttribute";
        public const string ExecutionProperty = "Execution";
        public const string ExecutionOptionsType = "global::Volara.Runtime.Engine.ExecutionOptions";
        public const string TaskBaseType = "global::Volara.Runtime.Engine.BlockwiseTaskBase";
        public const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
        public const string Coordinate = "Volara.Runtime.Geometry.Coordinate";
        public const string Roi = "Volara.Runtime.Geometry.Roi";
        public const string Block = "Volara.Runtime.Engine.Block";
        public const string TensorsNamespace = "System.Numerics.Tensors";
        public const string ReadOnlyTensorSpan = "ReadOnlyTensorSpan";
        public const string TensorSpan = "TensorSpan";
        public const string OutputSpatialOnly = "SpatialOnly";
        public const string ValidateHook = "Validate";
        public const string OnInitHook = "OnInit";
        public const string OnDropArtifactsHook = "OnDropArtifacts";
        public const string ProcessMethod = "Process";

        /// <summary>The typed dataset kinds a port may be declared as (<c>Raw&lt;T&gt;</c>, …).</summary>
        public static readonly string[] DatasetKinds = { "Raw", "Affs", "Labels", "Lsd" };

        /// <summary>The members of <c>Volara.Runtime.Engine.BlockFit</c>, by value.</summary>
        public static readonly string[] BlockFits = { "Valid", "Overhang", "Shrink" };
    }
}
