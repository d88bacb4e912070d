using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Volara.Analyzers.Tests;

/// <summary>The descriptor catalog, the release-tracking table and the per-diagnostic pages stay in step.</summary>
public class CatalogTests
{
    public static TheoryData<string> Ids() => [.. typeof(DiagnosticIds).GetFields().Select(f => (string)f.GetValue(null)!)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_id_has_a_page_with_a_wrong_and_a_right_example_and_is_listed(string id)
    {
        var docs = Path.Combine(RepositoryRoot(), "docs", "diagnostics");
        var page = File.ReadAllText(Path.Combine(docs, id + ".md"));
        Assert.StartsWith("# " + id + ":", page);
        Assert.Contains("## Wrong", page);
        Assert.Contains("## Right", page);
        Assert.Contains($"[{id}]({id}.md)", File.ReadAllText(Path.Combine(docs, "README.md")));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_id_has_exactly_one_descriptor_whose_help_link_is_its_page(string id)
    {
        var descriptors = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(f => f.GetValue(null))
            .OfType<DiagnosticDescriptor>()
            .Where(d => d.Id == id)
            .ToArray();
        var descriptor = Assert.Single(descriptors);
        Assert.Equal($"https://github.com/volara-dsl/Volara.Dsl/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Volara.Dsl.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the tests run outside the repository");
    }
}
