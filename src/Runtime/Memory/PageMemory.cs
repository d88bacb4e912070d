using System.Runtime.InteropServices;

namespace Volara.Runtime.Memory;

/// <summary>
/// Whole pages straight from the operating system. Freeing gives them back at once, so a worker's resident memory
/// falls as soon as scratch memory is released — unlike the managed heap or malloc's arenas, which keep freed
/// space for later and so let a long-running worker's footprint creep up block after block.
/// </summary>
internal static unsafe partial class PageMemory
{
    private const int ProtRead = 0x1;
    private const int ProtWrite = 0x2;
    private const int MapPrivate = 0x02;
    private static readonly int MapAnonymous = OperatingSystem.IsMacOS() ? 0x1000 : 0x20;
    private static readonly bool UseMmap = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>The allocation granularity: sizes are rounded up to it.</summary>
    public static nuint PageSize { get; } = (nuint)Environment.SystemPageSize;

    /// <summary>Reserves <paramref name="bytes"/> (a multiple of <see cref="PageSize"/>) of zeroed, page-aligned memory.</summary>
    public static void* Allocate(nuint bytes)
    {
        if (!UseMmap)
        {
            return NativeMemory.AlignedAlloc(bytes, PageSize);
        }

        void* address = Map(null, bytes, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        if (address == (void*)-1)
        {
            throw new OutOfMemoryException($"the operating system refused {bytes / (1024.0 * 1024.0):F1} MiB of scratch memory (error {Marshal.GetLastPInvokeError()})");
        }

        return address;
    }

    /// <summary>Returns memory from <see cref="Allocate"/> to the operating system.</summary>
    public static void Free(void* address, nuint bytes)
    {
        if (!UseMmap)
        {
            NativeMemory.AlignedFree(address);
            return;
        }

        Unmap(address, bytes);
    }

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial void* Map(void* address, nuint length, int protection, int flags, int descriptor, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Unmap(void* address, nuint length);
}
