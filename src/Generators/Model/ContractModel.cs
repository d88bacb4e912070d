namespace Volara.Generators.Model
{
    /// <summary>A <c>[JsonContract]</c> class or record whose System.Text.Json contract is generated.</summary>
    /// <param name="Namespace">The namespace; empty for the global namespace.</param>
    /// <param name="ClassName">The class name.</param>
    /// <param name="Keyword"><c>class</c> or <c>record</c>, as the partial declaration must repeat it.</param>
    /// <param name="Fields">The fields of its base classes, then its own.</param>
    public sealed record ContractModel(string Namespace, string ClassName, string Keyword, EquatableArray<FieldModel> Fields)
    {
        /// <summary>A file name unique per class.</summary>
        public string HintName => (Namespace.Length == 0 ? ClassName : Namespace + "." + ClassName) + ".JsonContract.g.cs";
    }
}
