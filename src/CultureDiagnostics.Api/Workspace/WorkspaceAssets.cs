using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>
/// The workspace's one stylesheet, embedded in the program and served from /workspace-assets/ with a
/// content hash in the URL, so browsers may keep it for a year and still never use an old copy.
/// </summary>
public static class WorkspaceAssets
{
    public const string RequestPath = "/workspace-assets";

    public static IFileProvider Files { get; } = new EmbeddedFileProvider(typeof(WorkspaceAssets).Assembly, "CultureDiagnostics.Api.Workspace.Assets");

    public static string StylesheetUrl { get; } = $"{RequestPath}/workspace.css?v={Hash("workspace.css")}";

    private static string Hash(string file)
    {
        using var stream = Files.GetFileInfo(file).CreateReadStream();
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }
}
