using System.Collections.Concurrent;
using Npgsql;

namespace Volara.Runtime.Graphs;

/// <summary>One pooled Npgsql data source per connection string, shared by every handle of the process.</summary>
internal static class PostgresDataSources
{
    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> Sources = new(StringComparer.Ordinal);

    public static NpgsqlDataSource For(string connectionString) => Sources.GetOrAdd(connectionString, NpgsqlDataSource.Create);
}
