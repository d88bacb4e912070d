using Microsoft.CodeAnalysis;
using Volara.Generators.Emission;
using Volara.Generators.Model;
using Volara.Generators.Parsing;

namespace Volara.Generators
{
    /// <summary>
    /// Completes every <c>[VolaraTask]</c> partial class into a serialisable blockwise task (see docs/dsl.md), and writes
    /// the JSON contract of every <c>[JsonContract]</c> class (<see cref="JsonContractPipeline"/>).
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class TaskGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var models = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.VolaraTaskAttribute,
                    static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                    TaskParser.Parse)
                .WithTrackingName(TrackingNames.TaskModels);

            var valid = models
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(TrackingNames.ValidTaskModels);

            context.RegisterSourceOutput(valid, static (output, model) => output.AddSource(model.HintName, TaskEmitter.Emit(model)));
            JsonContractPipeline.Register(context);
        }
    }
}
