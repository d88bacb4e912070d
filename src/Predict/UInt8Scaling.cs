namespace Volara.Predict;

/// <summary>volara's mapping between model values in <c>[low, high]</c> and uint8.</summary>
public static class UInt8Scaling
{
    /// <summary><c>clip((x − low) / (high − low) · 255, 0, 255)</c> truncated toward zero (NaN becomes 0).</summary>
    public static void ToUInt8(ReadOnlySpan<float> values, Span<byte> target, double low, double high)
    {
        if (target.Length < values.Length)
        {
            throw new ArgumentException("target is shorter than values", nameof(target));
        }

        // In float32 and in volara's order of operations, as numpy computes on a float32 prediction.
        float range = (float)(high - low);
        float offset = (float)low;
        for (int i = 0; i < values.Length; i++)
        {
            float scaled = (values[i] - offset) / range * 255f;
            target[i] = scaled >= 255f ? (byte)255 : scaled > 0f ? (byte)scaled : (byte)0;
        }
    }

    /// <summary><c>d / 255 · (high − low) + low</c>.</summary>
    public static void FromUInt8(ReadOnlySpan<byte> values, Span<float> target, double low, double high)
    {
        if (target.Length < values.Length)
        {
            throw new ArgumentException("target is shorter than values", nameof(target));
        }

        for (int i = 0; i < values.Length; i++)
        {
            target[i] = (float)(values[i] / 255.0 * (high - low) + low);
        }
    }
}
