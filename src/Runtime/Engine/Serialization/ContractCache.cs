using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Volara.Runtime.Engine.Serialization;

/// <summary>
/// The contract a converter delegates to, kept for the options it was last asked with: asking the options each time
/// validates the type again, which dominated reading pipelines of thousands of tasks.
/// </summary>
internal sealed class ContractCache<T>(Func<JsonSerializerOptions, JsonTypeInfo<T>> create)
{
    private sealed record Entry(JsonSerializerOptions Options, JsonTypeInfo<T> Contract);

    private Entry? last;

    public JsonTypeInfo<T> For(JsonSerializerOptions options)
    {
        var known = last;
        if (known is not null && ReferenceEquals(known.Options, options))
        {
            return known.Contract;
        }

        var contract = create(options);
        last = new Entry(options, contract);
        return contract;
    }
}
