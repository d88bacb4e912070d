using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Engine.Tracking;

/// <summary>
/// What produced an output array, written into its attributes under <c>volara</c> once the task has prepared it: the
/// task's name and type, a fingerprint of its configuration (SHA-256 of the part <see cref="StaleResults"/> compares)
/// and the library version. No time: a rerun gives the same bytes.
/// </summary>
public static class OutputProvenance
{
    /// <summary>The attribute key the record is written under.</summary>
    public const string Key = "volara";

    /// <summary>Records the provenance on every output array of <paramref name="task"/> that exists.</summary>
    public static void Record(IBlockwiseTask task)
    {
        if (task.ToConfig() is not { } config)
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
            if (!JsonNode.DeepEquals(array.Attributes[Key], record))
            {
                array.UpdateAttributes(new JsonObject { [Key] = record.DeepClone() });
            }
        }
    }

    /// <summary>SHA-256 (hex) of the configuration without how it is run (<see cref="StaleResults.ResultDefining"/>).</summary>
    public static string Fingerprint(JsonObject config) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StaleResults.ResultDefining(config).ToJsonString())));

    private static string Version { get; } =
        typeof(OutputProvenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
}
