namespace Volara.Runtime.Graphs;

/// <summary>How a graph database is opened (funlib.persistence's modes).</summary>
public enum GraphOpenMode
{
    /// <summary><c>r</c>: the graph must exist (its metadata is required); writes are refused.</summary>
    Read,

    /// <summary><c>r+</c>: read and write; the tables are created when missing, existing rows are kept.</summary>
    ReadWrite,

    /// <summary><c>w</c>: the existing tables and metadata are dropped and created anew, empty.</summary>
    Write,
}
