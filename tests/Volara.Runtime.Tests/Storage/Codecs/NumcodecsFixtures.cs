using System.Text.Json.Nodes;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Storage.Codecs;

/// <summary>Enumerates the numcodecs fixture folders (<c>codec.MM/config.json</c>, <c>encoded.NN.dat</c>, <c>array.NN.npy</c>).</summary>
public static class NumcodecsFixtures
{
    public static IEnumerable<string> ConfigNames(string codec)
    {
        string folder = Path.Combine(RepositoryPaths.NumcodecsFixtures, codec);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"numcodecs fixtures for {codec} are missing: {folder}");
        }

        return Directory.GetDirectories(folder, "codec.*").Select(Path.GetFileName).Order().Cast<string>();
    }

    public static IReadOnlyList<NumcodecsVector> Vectors(string codec, string configName)
    {
        string folder = Path.Combine(RepositoryPaths.NumcodecsFixtures, codec);
        string configFolder = Path.Combine(folder, configName);
        var config = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(configFolder, "config.json")))!;
        var vectors = new List<NumcodecsVector>();
        foreach (string encodedPath in Directory.GetFiles(configFolder, "encoded.*.dat").Order())
        {
            string number = Path.GetFileName(encodedPath)["encoded.".Length..^".dat".Length];
            var array = Npy.Read(Path.Combine(folder, $"array.{number}.npy"));
            if (array.IsObjectArray)
            {
                continue;
            }

            vectors.Add(new NumcodecsVector($"{codec}/{configName}/encoded.{number}", config, File.ReadAllBytes(encodedPath), array));
        }

        if (vectors.Count == 0)
        {
            throw new InvalidDataException($"no usable vectors in {configFolder}");
        }

        return vectors;
    }

    public static TheoryData<string> ConfigData(string codec)
    {
        var data = new TheoryData<string>();
        foreach (string name in ConfigNames(codec))
        {
            data.Add(name);
        }

        return data;
    }
}
