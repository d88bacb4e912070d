using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Volara.Runtime.Dsl.Description;

namespace Volara.TestWorker;

/// <summary>The JSON contracts of the hand-written test tasks (source-generated), registered when the assembly loads.</summary>
[JsonSerializable(typeof(NoOpTask))]
[JsonSerializable(typeof(CrashOnStartTask))]
[JsonSerializable(typeof(WriteIdsTask))]
public sealed partial class TestTaskContracts : JsonSerializerContext
{
    [ModuleInitializer]
    internal static void Register()
    {
        TaskCatalog.Add(global::Volara.TestWorker.NoOpTask.Descriptor);
        TaskCatalog.Add(global::Volara.TestWorker.CrashOnStartTask.Descriptor);
        TaskCatalog.Add(global::Volara.TestWorker.WriteIdsTask.Descriptor);
    }
}

