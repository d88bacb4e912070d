namespace Volara.Runtime.Storage.Codecs;

/// <summary>Raised when encoded bytes are corrupt or truncated, or a codec configuration is invalid.</summary>
public class CodecException : Exception
{
    public CodecException(string message) : base(message) { }

    public CodecException(string message, Exception inner) : base(message, inner) { }
}
