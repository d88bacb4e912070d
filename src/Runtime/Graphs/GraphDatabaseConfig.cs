using System.Text.Json.Serialization;

namespace Volara.Runtime.Graphs;

/// <summary>
/// Where a graph lives and which attributes it declares (volara's <c>DB</c> configs). Serialised with volara's
/// <c>db_type</c> discriminator: <c>sqlite</c> → <see cref="SqliteGraphConfig"/>, <c>postgresql</c> →
/// <see cref="PostgresGraphConfig"/>; field names in snake_case (<c>node_attrs</c>, <c>edge_attrs</c>, <c>ndim</c>).
/// A task holds one as a <c>[Parameter]</c> and opens it per block.
/// </summary>
[JsonConverter(typeof(GraphDatabaseConfigJsonConverterFactory))]
public abstract record GraphDatabaseConfig : Volara.Runtime.Storage.IStoredResult
{
    /// <summary>
    /// Declared node attributes: name → type spec (<c>float</c>, <c>int</c>, <c>bool</c>, <c>str</c>, or a length
    /// <c>n</c> meaning a float vector, as volara's <c>{"color": 3}</c>). Always present besides these:
    /// <c>position: Vec(float, ndim)</c>, <c>size: int</c>, <c>filtered: bool</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? NodeAttrs { get; init; }

    /// <summary>Declared edge attributes (as <see cref="NodeAttrs"/>); always present besides these: <c>distance: float</c>.</summary>
    public IReadOnlyDictionary<string, string>? EdgeAttrs { get; init; }

    /// <summary>Position dimensions of the nodes.</summary>
    public int Ndim { get; init; } = 3;

    /// <summary>volara's <c>db_type</c>.</summary>
    public abstract string DbType { get; }

    /// <summary>volara's <c>id</c>: the SQLite file stem or the PostgreSQL database name (used in task names).</summary>
    public abstract string Id { get; }

    /// <summary>The resolved attributes (defaults merged with <see cref="NodeAttrs"/> and <see cref="EdgeAttrs"/>).</summary>
    public GraphSchema Schema => GraphSchema.Create(Ndim, NodeAttrs, EdgeAttrs);

    /// <summary>Opens a handle; thread-safe, each caller gets its own handle.</summary>
    public abstract IGraphDatabase Open(GraphOpenMode mode);

    /// <summary>
    /// Creates the graph unless it exists (volara's <c>init</c>), keeping stored rows. Unlike volara's "open r, else
    /// open w" this opens r+ once, so two drivers initialising at the same time cannot drop each other's tables.
    /// </summary>
    public void Init() => Open(GraphOpenMode.ReadWrite).Dispose();

    /// <summary>Removes the whole graph (tables and metadata); a graph that does not exist is fine.</summary>
    public abstract void Drop();

    /// <summary>The database holds a graph (its node table); false once it was dropped or deleted.</summary>
    public abstract bool Exists();

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonIgnore]
    public abstract string Location { get; }

    /// <summary>Removes every edge, keeping the nodes; a graph that does not exist is fine.</summary>
    public abstract void DropEdges();

    /// <summary>
    /// Driver-side bulk-write mode for a blockwise run whose workers write many rows: drops the position index while
    /// open and rebuilds it when disposed (for SQLite also switches to WAL with <c>synchronous=OFF</c>).
    /// </summary>
    public abstract IDisposable BeginBulkWrite();
}
