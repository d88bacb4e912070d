namespace Volara.Runtime.Storage.Codecs;

/// <summary>Checks that a decoded buffer has the size the caller expects.</summary>
internal static class DecodedSize
{
    public static void Check(string codecId, int actual, int expected)
    {
        if (expected >= 0 && actual != expected)
        {
            throw new CodecException($"{codecId}: decoded {actual} bytes but the chunk needs {expected}");
        }
    }
}
