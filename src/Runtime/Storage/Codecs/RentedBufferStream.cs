using Volara.Runtime.Memory;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>
/// A write-only stream over pooled arrays, so stream-based compressors can write encoded chunks
/// without a MemoryStream copy. <see cref="Detach"/> hands the buffer to the caller.
/// </summary>
internal sealed class RentedBufferStream : Stream
{
    private byte[] _buffer;
    private int _length;

    public RentedBufferStream(int initialCapacity)
    {
        _buffer = ByteArrayPool.Rent(Math.Max(initialCapacity, 256));
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureCapacity(_length + buffer.Length);
        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void WriteByte(byte value)
    {
        EnsureCapacity(_length + 1);
        _buffer[_length++] = value;
    }

    /// <summary>The written bytes as a rented buffer; this stream must not be used afterwards.</summary>
    public RentedBuffer Detach()
    {
        var result = new RentedBuffer(_buffer, _length);
        _buffer = [];
        _length = 0;
        return result;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_buffer.Length > 0)
        {
            ByteArrayPool.Return(_buffer);
            _buffer = [];
        }

        base.Dispose(disposing);
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = ByteArrayPool.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ByteArrayPool.Return(_buffer);
        _buffer = larger;
    }
}
