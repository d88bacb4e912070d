using Volara.Runtime.Engine.Running;
using Volara.Runtime.Graphs;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Tasks;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSegmentationTaskTests(PostgresServer server) : SegmentationTaskTests
{
    [Theory]
    [InlineData(ExecutionMode.Threads)]
    [InlineData(ExecutionMode.Processes)]
    public void FragmentsNodesAndEdgesMatchTheReferences(ExecutionMode mode) =>
        RunPipelineAndCheck(mode, [5, 12, 12], [1, 3, 3], [4, 10, 10], [1, 3, 3], seed: 4);

    protected override GraphDatabaseConfig NewDb(IReadOnlyDictionary<string, string> edgeAttrs) =>
        PostgresGraphConfig.FromConnectionString(server.ConnectionStringFor(PostgresServer.NewDatabaseName())) with { EdgeAttrs = edgeAttrs };
}
