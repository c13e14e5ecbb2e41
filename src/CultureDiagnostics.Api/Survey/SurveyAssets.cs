using CultureDiagnostics.Api.Infrastructure;
using Microsoft.AspNetCore.ResponseCompression;

namespace CultureDiagnostics.Api.Survey;

/// <summary>
/// The survey's stylesheets and script (wwwroot/survey-assets), by the content-hashed URLs MapStaticAssets
/// serves them at: a browser keeps them for a year and still never runs an old copy after an upgrade.
/// </summary>
public sealed class SurveyAssets
{
    public const string RequestPath = "/survey-assets";

    /// <summary>The URL of a file of the survey, e.g. Url("survey.css").</summary>
    public string Url(string file) => StaticAssetUrls.Of(RequestPath.TrimStart('/') + "/" + file);
}

public static class SurveyAssetsSetup
{
    /// <summary>The survey pages' services: assets, the progress protector and compression of text responses.</summary>
    public static WebApplicationBuilder AddSurveyPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SurveyAssets>();
        builder.Services.AddSingleton<ProgressProtector>();
        builder.Services.AddSingleton<ProgressCookie>();
        builder.Services.AddSingleton(SurveyText.EnglishGb);
        builder.Services.AddResponseCompression(options =>
        {
            // The compressed pages hold no secret an attacker could guess at byte by byte (no session or
            // anti-forgery token, and the progress token is re-encrypted on every page), so BREACH does not apply.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            // Fastest (the default) gives away half the saving on the survey's repetitive markup. Static files
            // come compressed from the build (see StaticAssets) and are left as they are.
            options.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/json", "application/problem+json"];
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        return builder;
    }
}
