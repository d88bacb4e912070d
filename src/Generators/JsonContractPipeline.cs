using Microsoft.CodeAnalysis;
using Volara.Generators.Emission;
using Volara.Generators.Parsing;

namespace Volara.Generators
{
    /// <summary>The generator's second pipeline: the System.Text.Json contract of every <c>[JsonContract]</c> partial class.</summary>
    internal static class JsonContractPipeline
    {
        public static void Register(IncrementalGeneratorInitializationContext context)
        {
            var models = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.JsonContractAttribute,
                    static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                    ContractParser.Parse)
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(TrackingNames.ContractModels);

            context.RegisterSourceOutput(models, static (output, model) => output.AddSource(model.HintName, ContractEmitter.Emit(model)));
        }
    }
}
