using System.Globalization;
using System.Text.Json;
using Volara.Runtime.Registration;
using Volara.Runtime.Synthetic;
using Volara.Runtime.Tests.Support;
using Xunit;

namespace Volara.Runtime.Tests.Registration;

public sealed class PhaseCrossCorrelationTests
{
    public static TheoryData<int[], double[]> KnownShifts => new()
    {
        { [48, 40], [3, -5] },
        { [48, 40], [1.33, -2.67] },
        { [20, 24, 28], [2, -1, 4] },
        { [20, 24, 28], [-1.67, 0.33, 2.5] },
    };

    [Theory]
    [MemberData(nameof(KnownShifts))]
    public void RecoversIntegerAndSubVoxelShiftsToAThirdOfAVoxel(int[] shape, double[] shift)
    {
        // Channel 0 is the scene; channels 1 and 2 move by shift and by −shift / 2: registering them needs the opposite.
        // A textured scene (small dense blobs): phase correlation weighs every frequency alike.
        double[] half = [.. shift.Select(s => -s / 2)];
        var data = ShiftedBlobs.Create(shape, [new double[shape.Length], shift, half], sigma: 0.8, seed: 7);
        int voxels = shape.Aggregate(1, (a, b) => a * b);
        var reference = data.AsSpan(0, voxels);
        var estimate = new double[shape.Length];
        foreach (var (channel, expected) in new[] { (1, shift), (2, half) })
        {
            PhaseCrossCorrelation.Estimate(reference, data.AsSpan(channel * voxels, voxels), shape, 3, estimate);
            for (int d = 0; d < shape.Length; d++)
            {
                Assert.True(
                    Math.Abs(estimate[d] + expected[d]) <= (1.0 / 3) + 1e-9,
                    $"channel {channel} axis {d}: estimated {estimate[d]}, true {-expected[d]}");
            }
        }
    }

    [Fact]
    public void AgreesWithScikitImageOnRandomImages()
    {
        var cases = new List<(int[] Shape, float[] Reference, float[] Moving)>();
        var random = new Random(11);
        foreach (var shape in new[] { new[] { 16, 20 }, [9, 13], [8, 10, 12], [7, 6, 9], [1, 12, 10] })
        {
            int voxels = shape.Aggregate(1, (a, b) => a * b);
            var reference = Noise(random, voxels);
            var moving = new float[voxels];
            // A rolled copy plus noise: a clear peak at a known offset, but not an exact one.
            int roll = random.Next(1, voxels / 3);
            for (int i = 0; i < voxels; i++)
            {
                moving[i] = reference[(i + roll) % voxels] + (0.3f * (float)random.NextDouble());
            }

            cases.Add((shape, reference, moving));
        }

        const string script = """
            import json, sys
            import numpy as np
            from skimage.registration import phase_cross_correlation
            out = []
            for case in json.loads(sys.stdin.read() if sys.argv[1] == "-" else sys.argv[1]):
                ref = np.array(case["reference"], dtype=np.float32).astype(np.float64).reshape(case["shape"])
                mov = np.array(case["moving"], dtype=np.float32).astype(np.float64).reshape(case["shape"])
                shift, _, _ = phase_cross_correlation(ref, mov, upsample_factor=3)
                out.append([float(s) for s in shift])
            print(json.dumps(out))
            """;
        var expected = Reference(script, cases.Select(c => new { shape = c.Shape, reference = c.Reference, moving = c.Moving }));
        for (int i = 0; i < cases.Count; i++)
        {
            var shift = new double[cases[i].Shape.Length];
            PhaseCrossCorrelation.Estimate(cases[i].Reference, cases[i].Moving, cases[i].Shape, 3, shift);
            AssertClose(expected[i], shift, 1e-6, $"case {i}");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void StackedMovingImagesGetTheShiftsEachGetsAlone(int count)
    {
        // Stacked images share transforms in pairs (with the reference, and in the inverse): every pairing is taken.
        int[] shape = [10, 12, 9];
        int voxels = shape.Aggregate(1, (a, b) => a * b);
        var random = new Random(count);
        var reference = Noise(random, voxels);
        var moving = new float[count * voxels];
        for (int image = 0; image < count; image++)
        {
            int roll = random.Next(1, voxels / 3);
            for (int i = 0; i < voxels; i++)
            {
                moving[(image * voxels) + i] = reference[(i + roll) % voxels] + (0.3f * (float)random.NextDouble());
            }
        }

        var stacked = new double[count * shape.Length];
        PhaseCrossCorrelation.Estimate(reference, moving, shape, 3, stacked);
        for (int image = 0; image < count; image++)
        {
            var alone = new double[shape.Length];
            PhaseCrossCorrelation.Estimate(reference, moving.AsSpan(image * voxels, voxels), shape, 3, alone);
            Assert.NotEqual(new double[shape.Length], alone);
            AssertClose(alone, stacked[(image * shape.Length)..((image + 1) * shape.Length)], 1e-9, $"image {image} of {count}");
        }
    }

    [Fact]
    public void MaskedVariantAgreesWithScikitImage()
    {
        var cases = new List<(int[] Shape, float[] Reference, float[] Moving, byte[] Mask, double Ratio)>();
        var random = new Random(5);
        foreach (var (shape, ratio) in new[] { (new[] { 14, 17 }, 0.3), ([12, 12], 0.1), ([6, 7, 8], 0.3), ([5, 9, 6], 0.5) })
        {
            int voxels = shape.Aggregate(1, (a, b) => a * b);
            var reference = Noise(random, voxels);
            var moving = new float[voxels];
            int roll = random.Next(1, 4);
            var mask = new byte[voxels];
            for (int i = 0; i < voxels; i++)
            {
                moving[i] = reference[(i + roll) % voxels] + (0.2f * (float)random.NextDouble());
                mask[i] = random.NextDouble() < 0.8 ? (byte)1 : (byte)0;
            }

            cases.Add((shape, reference, moving, mask, ratio));
        }

        const string script = """
            import json, sys
            import numpy as np
            from skimage.registration import phase_cross_correlation
            out = []
            for case in json.loads(sys.stdin.read() if sys.argv[1] == "-" else sys.argv[1]):
                ref = np.array(case["reference"], dtype=np.float32).astype(np.float64).reshape(case["shape"])
                mov = np.array(case["moving"], dtype=np.float32).astype(np.float64).reshape(case["shape"])
                mask = np.array(case["mask"], dtype=bool).reshape(case["shape"])
                shift = phase_cross_correlation(ref, mov, reference_mask=mask, moving_mask=mask, overlap_ratio=case["ratio"])
                out.append([float(s) for s in shift])
            print(json.dumps(out))
            """;
        var expected = Reference(script, cases.Select(c => new { shape = c.Shape, reference = c.Reference, moving = c.Moving, mask = c.Mask.Select(m => (int)m), ratio = c.Ratio }));
        for (int i = 0; i < cases.Count; i++)
        {
            var shift = new double[cases[i].Shape.Length];
            MaskedPhaseCrossCorrelation.Estimate(cases[i].Reference, cases[i].Moving, cases[i].Mask, cases[i].Mask, cases[i].Shape, cases[i].Ratio, shift);
            AssertClose(expected[i], shift, 1e-9, $"case {i}");
        }
    }

    [Fact]
    public void MaskedVariantRecoversAShiftOfASmoothVolume()
    {
        int[] shape = [16, 18, 20];
        var data = ShiftedBlobs.Create(shape, [[0, 0, 0], [2, -1, 3]], sigma: 0.8, seed: 3);
        int voxels = shape.Aggregate(1, (a, b) => a * b);
        var mask = new byte[voxels];
        mask.AsSpan().Fill(1);
        mask.AsSpan(0, voxels / 4).Clear();
        var shift = new double[3];
        MaskedPhaseCrossCorrelation.Estimate(data.AsSpan(0, voxels), data.AsSpan(voxels, voxels), mask, mask, shape, 0.3, shift);
        Assert.Equal([-2.0, 1.0, -3.0], shift);
    }

    [Fact]
    public void MismatchedInputsAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => PhaseCrossCorrelation.Estimate(new float[12], new float[11], [3, 4], 3, new double[2]));
        Assert.Contains("moving images 11", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PhaseCrossCorrelation.Estimate(new float[12], new float[12], [3, 4], 3, new double[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaskedPhaseCrossCorrelation.Estimate(new float[4], new float[4], new byte[4], new byte[4], [2, 2], 1.5, new double[2]));
    }

    private static float[] Noise(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        return values;
    }

    private static List<List<double>> Reference(string script, object cases)
    {
        string input = JsonSerializer.Serialize(cases);
        return JsonSerializer.Deserialize<List<List<double>>>(ReferencePython.Run(script, input))!;
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int d = 0; d < expected.Count; d++)
        {
            Assert.True(
                Math.Abs(expected[d] - actual[d]) <= tolerance,
                string.Create(CultureInfo.InvariantCulture, $"{what} axis {d}: skimage {expected[d]}, ours {actual[d]} (all: [{string.Join(", ", actual)}])"));
        }
    }
}
