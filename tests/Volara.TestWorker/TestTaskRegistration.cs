using System.Runtime.CompilerServices;
using Volara.Runtime.Dsl.Description;

namespace Volara.TestWorker;

/// <summary>Registers the hand-written test tasks' descriptors when the assembly loads (their contracts are generated: [JsonContract]).</summary>
internal static class TestTaskRegistration
{
    [ModuleInitializer]
    internal static void Register()
    {
        TaskCatalog.Add(NoOpTask.Descriptor);
        TaskCatalog.Add(CrashOnStartTask.Descriptor);
        TaskCatalog.Add(WriteIdsTask.Descriptor);
    }
}
