using System.Runtime.CompilerServices;

namespace Volara.Runtime.Memory;

/// <summary>
/// A buffer of <see cref="Length"/> elements rented from <see cref="ScratchMemory"/>; its contents start undefined
/// (zero when the pages are new). Dispose it exactly once to hand the memory back.
/// </summary>
public readonly unsafe struct ScratchBuffer<T> : IDisposable
    where T : unmanaged
{
    private readonly ScratchBlock? _block;
    private readonly T* _elements;

    internal ScratchBuffer(ScratchBlock block, int length)
    {
        _block = block;
        _elements = (T*)block.Address;
        Length = length;
    }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>The elements.</summary>
    public Span<T> Span => new(_elements, Length);

    /// <summary>The first element, for loops that index with <see cref="Unsafe.Add{T}(ref T, int)"/>.</summary>
    public ref T Reference => ref *_elements;

    /// <summary>Element <paramref name="index"/>, bounds-checked.</summary>
    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)Length)
            {
                ThrowIndexOutOfRange(index);
            }

            return ref _elements[index];
        }
    }

    /// <summary>Hands the memory back; the buffer must not be used afterwards.</summary>
    public void Dispose()
    {
        if (_block is not null)
        {
            ScratchMemory.Return(_block);
        }
    }

    private void ThrowIndexOutOfRange(int index) =>
        throw new IndexOutOfRangeException($"index {index} is outside a scratch buffer of {Length} elements");
}
