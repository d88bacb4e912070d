using Volara.Runtime.Graphs;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Tasks;

/// <summary>DistanceAgglom's cases on PostgreSQL, where the embeddings are <c>REAL[]</c> array columns.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDistanceAgglomTests(PostgresServer server) : DistanceAgglomTests
{
    protected override GraphDatabaseConfig NewDb(string name, int ndim, IReadOnlyDictionary<string, string> nodeAttrs, IReadOnlyDictionary<string, string>? edgeAttrs) =>
        PostgresGraphConfig.FromConnectionString(server.ConnectionStringFor(PostgresServer.NewDatabaseName())) with { Ndim = ndim, NodeAttrs = nodeAttrs, EdgeAttrs = edgeAttrs };
}
