using System.Collections.Frozen;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.AspNetCore.StaticAssets.Infrastructure;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// The files under wwwroot (the survey's and the workspace's stylesheets, the survey's script), served by
/// MapStaticAssets from the manifest the build writes: a content-hashed URL for each, cached for a year as
/// immutable, Brotli and gzip copies chosen by Accept-Encoding, ETags. X-Content-Type-Options: nosniff
/// comes from <see cref="SecurityHeaders"/>, as on every response.
/// </summary>
public static class StaticAssets
{
    public static WebApplicationBuilder AddPlatformStaticAssets(this WebApplicationBuilder builder)
    {
        // `dotnet run` and a build output started in Production find wwwroot and the compressed copies through
        // the build's manifest (Development reads it anyway); a published app has them beside it and no manifest.
        if (!builder.Environment.IsDevelopment())
        {
            builder.WebHost.UseStaticWebAssets();
        }

        // The files are served as the build made them, whatever the environment. MapStaticAssets would otherwise
        // watch a build's files for edits made while running: it sends them "no-cache", adds a catch-all route
        // for any file under wwwroot, and takes a file whose time differs from the manifest's by a fraction of
        // a second for an edited one, sending a Brotli URL's bytes re-made with gzip. A changed file needs a
        // build (or ReloadStaticAssetsAtRuntime=true while working on the styles).
        SetDefault(builder.Configuration, "ReloadStaticAssetsAtRuntime", "false");
        return builder;
    }

    public static WebApplication MapPlatformAssets(this WebApplication app)
    {
        app.MapStaticAssets();
        StaticAssetUrls.Load(StaticAssetsEndpointDataSourceHelper.ResolveStaticAssetDescriptors(app, manifestPath: null));
        return app;
    }

    private static void SetDefault(ConfigurationManager configuration, string key, string value)
    {
        if (configuration[key] is null)
        {
            configuration[key] = value;
        }
    }
}

/// <summary>
/// The content-hashed URL of each file under wwwroot, by its path there ("survey-assets/survey.css"). The
/// hashes belong to the build, not to one host, so the map is the process's, loaded when the assets are mapped.
/// </summary>
public static class StaticAssetUrls
{
    private static FrozenDictionary<string, string>? s_urls;

    public static string Of(string path) =>
        s_urls is null ? throw new InvalidOperationException("The static assets are not mapped yet (MapPlatformAssets).")
        : s_urls.TryGetValue(path, out var url) ? url
        : throw new InvalidOperationException($"'{path}' is not a file under wwwroot in this build.");

    internal static void Load(IEnumerable<StaticAssetDescriptor> descriptors) =>
        s_urls = descriptors
            .Select(d => (Label: Property(d, "label"), Fingerprint: Property(d, "fingerprint"), d.Route))
            .Where(a => a.Label is not null && a.Fingerprint is not null && a.Route != a.Label)
            .GroupBy(a => a.Label!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => "/" + g.First().Route, StringComparer.Ordinal);

    private static string? Property(StaticAssetDescriptor descriptor, string name) =>
        descriptor.Properties.FirstOrDefault(p => p.Name == name)?.Value;
}
