using Volara.Runtime.Graphs;

namespace Volara.Runtime.Tests.Graphs;

public sealed class GraphTableTests
{
    private static readonly GraphSchema Schema = GraphSchema.Create(2, new Dictionary<string, string> { ["rgb"] = "3", ["label"] = "str" }, null);

    [Fact]
    public void Rows_GrowTogether_AndKeepTheirValues()
    {
        var nodes = new NodeTable(Schema);
        for (var i = 0; i < 1000; i++)
        {
            var row = nodes.Add((ulong)i, [i, -i]);
            nodes.Ints("size")[row] = i * 2;
            nodes.Floats("rgb").Row(row).Fill(i);
            if (i % 7 == 0)
            {
                nodes.Column("label").SetNull(row);
            }
            else
            {
                nodes.Strings("label")[row] = $"n{i}";
            }
        }

        Assert.Equal(1000, nodes.Count);
        Assert.Equal(2000, nodes.Positions.Length);
        Assert.Equal(3000, nodes.Floats("rgb").Values.Length);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal((ulong)i, nodes.Ids[i]);
            Assert.Equal([(float)i, -i], nodes.Position(i).ToArray());
            Assert.Equal(i * 2, nodes.Ints("size")[i]);
            Assert.Equal([(float)i, i, i], nodes.Floats("rgb").Row(i).ToArray());
            Assert.Equal(i % 7 == 0, nodes.Column("label").IsNull(i));
        }
    }

    [Fact]
    public void Resize_ZeroesNewRows_EvenAfterShrinking()
    {
        var edges = new EdgeTable(Schema);
        var row = edges.Add(3, 4);
        edges.Floats("distance")[row] = 9;
        edges.Column("distance").SetNull(row);
        edges.Resize(0);
        edges.Resize(2);
        Assert.Equal([0UL, 0UL], edges.U.ToArray());
        Assert.Equal(0f, edges.Floats("distance")[0]);
        Assert.False(edges.Column("distance").IsNull(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => edges.Floats("distance")[2]);
    }

    [Fact]
    public void AddFrom_CopiesKeysAttributesAndNulls()
    {
        var source = new NodeTable(Schema);
        var a = source.Add(5, [1, 2]);
        source.Strings("label")[a] = "five";
        source.Column("rgb").SetNull(a);
        var target = new NodeTable(Schema);
        target.AddFrom(source, a);
        Assert.Equal(5UL, target.Ids[0]);
        Assert.Equal("five", target.Strings("label")[0]);
        Assert.True(target.Column("rgb").IsNull(0));
        Assert.False(target.Column("label").IsNull(0));
    }
}
