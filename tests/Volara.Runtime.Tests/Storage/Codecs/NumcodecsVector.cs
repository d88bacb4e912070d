using System.Text.Json.Nodes;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>One encoded numcodecs conformance vector: its codec config, the encoded bytes and the source array.</summary>
public sealed record NumcodecsVector(string Name, JsonObject Config, byte[] Encoded, Npy Array);
