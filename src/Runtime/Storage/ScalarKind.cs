namespace Volara.Runtime.Storage;

/// <summary>The numeric element types an array can hold.</summary>
public enum ScalarKind
{
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float16,
    Float32,
    Float64,
}
