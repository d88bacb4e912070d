namespace Volara.Runtime.Segmentation;

/// <summary>Stable LSD radix sort of 64-bit items by their upper 32 bits (three 11-bit digits).</summary>
internal static class EdgeRadixSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;

    /// <summary>Sorts <paramref name="items"/>; returns the span that holds the result (items or scratch).</summary>
    public static Span<ulong> SortByHighWord(Span<ulong> items, Span<ulong> scratch)
    {
        var counts = new int[3 * Buckets];
        foreach (ulong item in items)
        {
            uint key = (uint)(item >> 32);
            counts[key & (Buckets - 1)]++;
            counts[Buckets + ((key >> DigitBits) & (Buckets - 1))]++;
            counts[(2 * Buckets) + (key >> (2 * DigitBits))]++;
        }

        Span<ulong> source = items, target = scratch[..items.Length];
        for (int digit = 0; digit < 3; digit++)
        {
            var histogram = counts.AsSpan(digit * Buckets, Buckets);
            int shift = 32 + (digit * DigitBits);
            if (histogram[(int)((items.Length == 0 ? 0 : source[0] >> shift) & (Buckets - 1))] == items.Length)
            {
                continue; // one bucket holds everything: this digit does not reorder
            }

            int sum = 0;
            for (int b = 0; b < Buckets; b++)
            {
                int count = histogram[b];
                histogram[b] = sum;
                sum += count;
            }

            foreach (ulong item in source)
            {
                target[histogram[(int)((item >> shift) & (Buckets - 1))]++] = item;
            }

            var swap = source;
            source = target;
            target = swap;
        }

        return source;
    }
}
