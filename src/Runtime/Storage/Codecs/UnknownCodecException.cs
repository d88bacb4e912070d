namespace Volara.Runtime.Storage.Codecs;

/// <summary>Raised when metadata names a codec this library does not implement.</summary>
public sealed class UnknownCodecException : CodecException
{
    public UnknownCodecException(string codecId)
        : base($"unknown codec '{codecId}'")
    {
        CodecId = codecId;
    }

    public string CodecId { get; }
}
