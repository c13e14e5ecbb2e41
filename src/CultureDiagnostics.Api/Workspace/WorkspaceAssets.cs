using CultureDiagnostics.Api.Infrastructure;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>
/// The workspace's one stylesheet (wwwroot/workspace-assets/workspace.css), by the content-hashed URL
/// MapStaticAssets serves it at: browsers keep it for a year and still never use an old copy.
/// </summary>
public static class WorkspaceAssets
{
    public const string RequestPath = "/workspace-assets";

    public static string StylesheetUrl => StaticAssetUrls.Of("workspace-assets/workspace.css");
}
