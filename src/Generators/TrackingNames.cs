namespace Volara.Generators
{
    /// <summary>Names of the generator's pipeline steps; incrementality tests look them up.</summary>
    public static class TrackingNames
    {
        /// <summary>Attributed classes turned into <see cref="Model.TaskModel"/>s (null when a class cannot be completed).</summary>
        public const string TaskModels = nameof(TaskModels);

        /// <summary>The models that will be emitted.</summary>
        public const string ValidTaskModels = nameof(ValidTaskModels);

        /// <summary><c>[JsonContract]</c> classes turned into <see cref="Model.ContractModel"/>s.</summary>
        public const string ContractModels = nameof(ContractModels);
    }
}
