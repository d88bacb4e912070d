namespace Volara.Runtime.Tests.Support;

/// <summary>Test classes marked <c>[Collection(PostgresCollection.Name)]</c> share one private PostgreSQL server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
