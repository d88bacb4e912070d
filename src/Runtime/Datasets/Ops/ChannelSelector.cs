using System.Text.Json;
using System.Text.Json.Serialization;
using Volara.Runtime.Serialization;

namespace Volara.Runtime.Datasets.Ops;

/// <summary>
/// One element of a channel selection: an integer index (drops axis 0, numpy <c>a[i]</c>) or an index list (keeps
/// axis 0 with those entries, numpy <c>a[[i, j]]</c>). JSON: <c>2</c> or <c>[0, 2, 4]</c>.
/// </summary>
[JsonConverter(typeof(ChannelSelectorJsonConverter))]
public sealed class ChannelSelector : IEquatable<ChannelSelector>
{
    private ChannelSelector(long? index, long[]? indices)
    {
        Index = index;
        Indices = indices;
    }

    /// <summary>The single index, when this selector collapses axis 0.</summary>
    public long? Index { get; }

    /// <summary>The index list, when this selector keeps axis 0.</summary>
    public IReadOnlyList<long>? Indices { get; }

    public static ChannelSelector At(long index) => new(index, null);

    public static ChannelSelector Take(params long[] indices) => new(null, [.. indices]);

    public static implicit operator ChannelSelector(long index) => At(index);

    public static implicit operator ChannelSelector(long[] indices) => Take(indices);

    public bool Equals(ChannelSelector? other) =>
        other is not null && Index == other.Index && (Indices is null ? other.Indices is null : other.Indices is not null && Indices.SequenceEqual(other.Indices));

    public override bool Equals(object? obj) => Equals(obj as ChannelSelector);

    public override int GetHashCode() => Index?.GetHashCode() ?? Indices!.Aggregate(17, (hash, value) => HashCode.Combine(hash, value));

    public override string ToString() => Index is { } index ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"[{string.Join(", ", Indices!)}]";
}

/// <summary>JSON form of <see cref="ChannelSelector"/>: a number or an array of numbers.</summary>
public sealed class ChannelSelectorJsonConverter : JsonConverter<ChannelSelector>
{
    public override ChannelSelector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return ChannelSelector.At(reader.GetInt64());
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"a channel selector must be an integer or a list of integers, not {JsonTokens.Describe(ref reader)}");
        }

        var indices = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw new JsonException($"a channel index list may only hold integers, not {JsonTokens.Describe(ref reader)}");
            }

            indices.Add(reader.GetInt64());
        }

        return ChannelSelector.Take([.. indices]);
    }

    public override void Write(Utf8JsonWriter writer, ChannelSelector value, JsonSerializerOptions options)
    {
        if (value.Index is { } index)
        {
            writer.WriteNumberValue(index);
            return;
        }

        writer.WriteStartArray();
        foreach (var entry in value.Indices!)
        {
            writer.WriteNumberValue(entry);
        }

        writer.WriteEndArray();
    }
}
