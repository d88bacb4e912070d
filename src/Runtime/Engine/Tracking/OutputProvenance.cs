using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Engine.Tracking;

/// <summary>
/// What produced an output array, written into its attributes under <c>volara</c> once the task has prepared it: the
/// task's name and type, a fingerprint of its configuration (SHA-256 of the part <see cref="StaleResults"/> compares),
/// the library version and when the record was first written (UTC). A rerun of the same configuration keeps the
/// record, time included, so resuming rewrites nothing; <c>SOURCE_DATE_EPOCH</c> (seconds since 1970) fixes the time
/// for runs that must give byte-identical attributes from scratch.
/// </summary>
public static class OutputProvenance
{
    /// <summary>The attribute key the record is written under.</summary>
    public const string Key = "volara";

    private const string CreatedField = "created";

    /// <summary>
    /// Records the provenance on every output array of <paramref name="task"/> that exists; <paramref name="config"/> is
    /// the task's configuration (<see cref="IBlockwiseTask.ToConfig"/>), null for a task without one.
    /// </summary>
    public static void Record(IBlockwiseTask task, JsonObject? config)
    {
        if (config is null)
        {
            return;
        }

        var record = new JsonObject
        {
            ["task"] = task.Name,
            ["task_type"] = config["task_type"]?.DeepClone(),
            ["config_sha256"] = Fingerprint(config),
            ["version"] = Version,
        };
        foreach (var output in task.DatasetPorts.Where(port => port.IsOutput && ZarrArray.Exists(port.Dataset.Store)))
        {
            var array = ZarrArray.Open(output.Dataset.Store, writable: true);
            if (!SameOrigin(array.Attributes[Key], record))
            {
                var stamped = record.DeepClone().AsObject();
                stamped[CreatedField] = Now();
                array.UpdateAttributes(new JsonObject { [Key] = stamped });
            }
        }
    }

    /// <summary>Whether an existing record says what <paramref name="record"/> says, whenever it was written.</summary>
    private static bool SameOrigin(JsonNode? existing, JsonObject record)
    {
        if (existing is not JsonObject recorded)
        {
            return false;
        }

        var withoutTime = recorded.DeepClone().AsObject();
        withoutTime.Remove(CreatedField);
        return JsonNode.DeepEquals(withoutTime, record);
    }

    private static string Now()
    {
        var time = long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), out long seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.UtcNow;
        return time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>SHA-256 (hex) of the configuration without how it is run (<see cref="StaleResults.ResultDefining"/>).</summary>
    public static string Fingerprint(JsonObject config) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StaleResults.ResultDefining(config).ToJsonString())));

    private static string Version { get; } =
        typeof(OutputProvenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
}
