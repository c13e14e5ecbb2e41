using System.Security.Cryptography;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace CultureDiagnostics.Api.Survey;

/// <summary>
/// The survey's stylesheets and script, embedded in the program and served from /survey-assets/ with
/// a content hash in the query string, so a browser may keep them for a year and still never run an
/// old copy after an upgrade.
/// </summary>
public sealed class SurveyAssets
{
    public const string RequestPath = "/survey-assets";

    private readonly Dictionary<string, string> _versions;

    public SurveyAssets()
    {
        Files = new EmbeddedFileProvider(typeof(SurveyAssets).Assembly, "CultureDiagnostics.Api.Survey.Assets");
        _versions = Files.GetDirectoryContents("").ToDictionary(f => f.Name, f =>
        {
            using var stream = f.CreateReadStream();
            return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
        });
    }

    public IFileProvider Files { get; }

    public string Url(string file) => $"{RequestPath}/{file}?v={_versions[file]}";
}

public static class SurveyAssetsSetup
{
    /// <summary>The survey pages' services: assets, the progress protector and compression of text responses.</summary>
    public static WebApplicationBuilder AddSurveyPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SurveyAssets>();
        builder.Services.AddSingleton<ProgressProtector>();
        builder.Services.AddSingleton(SurveyText.EnglishGb);
        builder.Services.AddResponseCompression(options =>
        {
            // The compressed pages hold no secret an attacker could guess at byte by byte (no session or
            // anti-forgery token, and the progress token is re-encrypted on every page), so BREACH does not apply.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            // Fastest (the default) gives away half the saving on the survey's repetitive markup.
            options.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/json", "application/problem+json"];
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        return builder;
    }

    /// <summary>Compression first, so every later response can be compressed; then the survey's static files.</summary>
    public static WebApplication UseSurveyAssets(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = app.Services.GetRequiredService<SurveyAssets>().Files,
            RequestPath = SurveyAssets.RequestPath,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.CacheControl] = context.Context.Request.Query.ContainsKey("v")
                    ? "public, max-age=31536000, immutable"
                    : "public, max-age=300";
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
            },
        });
        return app;
    }
}
