using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Volara.Runtime.Dsl;

/// <summary>Flat views of the dense tensors <c>Process</c> receives, for kernels that work on plain spans.</summary>
public static class TensorSpanExtensions
{
    public static Span<T> AsSpan<T>(this in TensorSpan<T> tensor)
    {
        RequireDense(tensor.IsDense, tensor.FlattenedLength);
        return MemoryMarshal.CreateSpan(ref tensor.GetPinnableReference(), checked((int)tensor.FlattenedLength));
    }

    public static ReadOnlySpan<T> AsReadOnlySpan<T>(this in ReadOnlyTensorSpan<T> tensor)
    {
        RequireDense(tensor.IsDense, tensor.FlattenedLength);
        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in tensor.GetPinnableReference()), checked((int)tensor.FlattenedLength));
    }

    private static void RequireDense(bool dense, nint length)
    {
        // An empty tensor has no meaningful strides; every other one must be contiguous to be viewed flat.
        if (!dense && length > 0)
        {
            throw new ArgumentException("the tensor is not dense, so it has no flat span");
        }
    }
}
