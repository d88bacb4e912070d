namespace Volara.Runtime.Tests.Datasets;

/// <summary>A deliberately naive C-order n-d array with the numpy indexing the op tests compare against.</summary>
internal sealed record NdReference(long[] Shape, double[] Data)
{
    public static NdReference Arange(params long[] shape)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        return new NdReference(shape, Enumerable.Range(0, (int)count).Select(i => (double)i).ToArray());
    }

    /// <summary>numpy <c>a[index]</c> along axis 0.</summary>
    public NdReference At(long index) => Take(0, [index]) is var taken ? new NdReference(taken.Shape[1..], taken.Data) : null!;

    /// <summary>numpy <c>a[[i, j, ...]]</c> along axis 0.</summary>
    public NdReference Take(params long[] indices) => Take(0, indices);

    /// <summary>numpy <c>a[..., ::-1, ...]</c> on <paramref name="axis"/>.</summary>
    public NdReference Reverse(int axis)
    {
        var result = new double[Data.Length];
        ForEachIndex(Shape, (index, flat) =>
        {
            var source = (long[])index.Clone();
            source[axis] = Shape[axis] - 1 - index[axis];
            result[flat] = Data[Flat(Shape, source)];
        });
        return this with { Data = result };
    }

    /// <summary>numpy <c>a[begin:begin+count]</c> on <paramref name="axis"/>.</summary>
    public NdReference Slice(int axis, long begin, long count) => Take(axis, Enumerable.Range((int)begin, (int)count).Select(i => (long)i).ToArray());

    public NdReference Map(Func<double, double> function) => this with { Data = Data.Select(function).ToArray() };

    private NdReference Take(int axis, long[] indices)
    {
        var shape = (long[])Shape.Clone();
        shape[axis] = indices.Length;
        var result = new double[shape.Aggregate(1L, (a, b) => a * b)];
        ForEachIndex(shape, (index, flat) =>
        {
            var source = (long[])index.Clone();
            source[axis] = indices[index[axis]];
            result[flat] = Data[Flat(Shape, source)];
        });
        return new NdReference(shape, result);
    }

    private static long Flat(long[] shape, long[] index)
    {
        long flat = 0;
        for (var d = 0; d < shape.Length; d++)
        {
            flat = (flat * shape[d]) + index[d];
        }

        return flat;
    }

    private static void ForEachIndex(long[] shape, Action<long[], long> action)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var index = new long[shape.Length];
        for (var flat = 0L; flat < count; flat++)
        {
            var rest = flat;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }

            action(index, flat);
        }
    }
}
