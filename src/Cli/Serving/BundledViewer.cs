namespace Volara.Cli.Serving;

/// <summary>
/// The neuroglancer viewer built into volara (src/Viewer, copied beside volara.dll as <c>viewer/</c>), so that
/// <c>volara serve</c> works where no internet is: a cluster node, a closed lab network.
/// </summary>
public static class BundledViewer
{
    /// <summary>The viewer's folder, or null when volara was built without npm and carries none.</summary>
    public static string? Directory
    {
        get
        {
            string folder = Path.Combine(AppContext.BaseDirectory, "viewer");
            return File.Exists(Path.Combine(folder, "index.html")) ? folder : null;
        }
    }
}
