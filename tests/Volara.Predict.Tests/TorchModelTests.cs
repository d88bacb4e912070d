using Volara.Runtime.Geometry;

namespace Volara.Predict.Tests;

/// <summary>volara's model description (test_models.py): shapes, context and the uint8 conversions.</summary>
public sealed class TorchModelTests
{
    private static TorchModel Model(double low, double high) => new()
    {
        // Any existing file: the description only checks that the model file is there.
        SavePath = typeof(TorchModelTests).Assembly.Location,
        InChannels = 1,
        MinInputShape = new Coordinate(1, 1),
        MinOutputShape = new Coordinate(1, 1),
        MinStepShape = new Coordinate(1, 1),
        PredSizeGrowth = new Coordinate(99, 99),
        OutChannels = [1],
        OutRange = [low, high],
    };

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(-1.0, 1.0)]
    public void ShapesContextAndConversionsFollowVolara(double low, double high)
    {
        var model = Model(low, high);
        Assert.Equal(new Coordinate(0, 0), model.ContextLow);
        Assert.Equal(new Coordinate(0, 0), model.ContextHigh);
        Assert.Equal(new Coordinate(100, 100), model.EvalInputShape);
        Assert.Equal(new Coordinate(100, 100), model.EvalOutputShape);
        Assert.Equal([1], model.NumOutChannels);

        var bytes = new byte[256];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)i;
        }

        var values = new float[256];
        model.FromUInt8(bytes, values);
        Assert.Equal((float)low, values[0]);
        Assert.Equal((float)high, values[255]);
        for (int i = 1; i < values.Length; i++)
        {
            Assert.True(values[i] > values[i - 1]);
        }

        var back = new byte[256];
        model.ToUInt8(values, back);
        Assert.Equal(0, back[0]);
        Assert.Equal(255, back[255]);
        for (int i = 0; i < back.Length; i++)
        {
            // Truncation after a float32 round trip may land just below the integer.
            Assert.InRange(back[i], Math.Max(0, i - 1), i);
        }
    }

    [Fact]
    public void ToUint8ClipsAndTruncates()
    {
        var target = new byte[6];
        UInt8Scaling.ToUInt8([-3f, 0.5f, 2f, 0.0039f, 0.99f, float.NaN], target, 0, 1);
        Assert.Equal([0, 127, 255, 0, 252, 0], target);
    }

    [Fact]
    public void ContextIsHalfTheShrinkOrTheOverride()
    {
        var model = Model(0, 1) with { MinInputShape = new Coordinate(9, 13), MinOutputShape = new Coordinate(1, 1), MinStepShape = new Coordinate(4, 4), PredSizeGrowth = new Coordinate(8, 4) };
        Assert.Equal(new Coordinate(4, 6), model.ContextLow);
        Assert.Equal(new Coordinate(17, 17), model.EvalInputShape);
        Assert.Equal(new Coordinate(9, 5), model.EvalOutputShape);
        var shifted = model with { ContextOverride = [new Coordinate(3, 2), new Coordinate(5, 10)] };
        shifted.Validate("t", 2);
        Assert.Equal(new Coordinate(3, 2), shifted.ContextLow);
        Assert.Equal(new Coordinate(5, 10), shifted.ContextHigh);
    }

    [Fact]
    public void OutChannelsReadsVolarasThreeForms()
    {
        var options = Volara.Runtime.Engine.TaskJson.Options;
        const string Template = """{"save_path": "m.pt", "min_input_shape": [1], "min_output_shape": [1], "min_step_shape": [1], "pred_size_growth": [0], "out_channels": OUT}""";
        TorchModel Parse(string outChannels) => System.Text.Json.JsonSerializer.Deserialize<TorchModel>(Template.Replace("OUT", outChannels), options)!;

        Assert.Equal([3], Parse("3").NumOutChannels);
        Assert.Equal([2, 1], Parse("[2, null]").NumOutChannels);
        Assert.Null(Parse("null").OutChannels);
        Assert.Equal([1], Parse("null").NumOutChannels);
    }
}
