using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Workers.Protocol;

namespace Volara.Workers;

/// <summary>Converts blocks to and from their wire form (ids and ROIs; the task name is known from the stream).</summary>
internal static class WireBlocks
{
    public static WireBlock ToWire(Block block)
    {
        var wire = new WireBlock { Id = block.Id };
        AddCoordinate(wire.ReadOffset, block.ReadRoi.Offset);
        AddCoordinate(wire.ReadShape, block.ReadRoi.Shape);
        AddCoordinate(wire.WriteOffset, block.WriteRoi.Offset);
        AddCoordinate(wire.WriteShape, block.WriteRoi.Shape);
        return wire;
    }

    public static Block FromWire(string taskName, WireBlock wire) => new(
        taskName,
        wire.Id,
        new Roi(ToCoordinate(wire.ReadOffset), ToCoordinate(wire.ReadShape)),
        new Roi(ToCoordinate(wire.WriteOffset), ToCoordinate(wire.WriteShape)));

    private static void AddCoordinate(Google.Protobuf.Collections.RepeatedField<long> field, Coordinate coordinate)
    {
        for (var i = 0; i < coordinate.Dims; i++)
        {
            // Block ROIs are always bounded; an unbounded one cannot be processed anyway.
            field.Add(coordinate[i] ?? throw new InvalidOperationException($"block coordinate {coordinate} is unbounded"));
        }
    }

    private static Coordinate ToCoordinate(Google.Protobuf.Collections.RepeatedField<long> field)
    {
        Span<long> values = stackalloc long[field.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = field[i];
        }

        return new Coordinate(values);
    }
}
