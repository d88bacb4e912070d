using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Volara.Cli.Output;

/// <summary>How every <c>--json</c> output is written: indented, readable non-ASCII.</summary>
public static class JsonText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, JsonNode node)
    {
        output.Write(node.ToJsonString(Indented));
        output.Write('\n');
        output.Flush();
    }
}
