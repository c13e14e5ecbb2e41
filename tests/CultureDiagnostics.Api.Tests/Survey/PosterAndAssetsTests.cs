using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CultureDiagnostics.Api.Tests.Survey;

/// <summary>The unit posters, and the survey's static files: compressed, cached, small.</summary>
public sealed class PosterAndAssetsTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private Scenario.OpenCampaign _campaign = null!;

    public async Task InitializeAsync() => _campaign = await Scenario.OpenCampaignAsync(_app);

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private string PosterPath => $"/campaigns/{_campaign.CampaignId}/units/TEAM-1/poster";

    [Fact]
    public async Task APosterNeedsSignIn()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(PosterPath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in?returnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABoardMemberCannotPrintPosters()
    {
        var board = await _app.SignedInClientAsync(Roles.Board);

        Assert.Equal(HttpStatusCode.Forbidden, (await board.GetAsync(PosterPath)).StatusCode);
    }

    [Fact]
    public async Task APosterShowsTheTitleTheLinkAQrCodeTheClosingDateAndThePromise()
    {
        var analyst = await _app.SignedInClientAsync(Roles.Analyst);
        var response = await analyst.GetAsync(PosterPath);
        var html = await response.Content.ReadAsStringAsync();
        var page = await new HtmlParser().ParseDocumentAsync(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Test wave", html, StringComparison.Ordinal);
        Assert.Contains($"survey.test/s/{_campaign.Code}", html, StringComparison.Ordinal);
        var qr = Assert.Single(page.QuerySelectorAll("img.qr"));
        Assert.Matches("^data:image/svg\\+xml;base64,[A-Za-z0-9+/=]{500,}$", qr.GetAttribute("src"));
        Assert.StartsWith("QR code for survey.test/s/", qr.GetAttribute("alt"), StringComparison.Ordinal);
        Assert.Contains("30 November 2026", html, StringComparison.Ordinal);
        Assert.Contains("Results are only shown for groups of 5 or more", html, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("link[rel=stylesheet]"), link => Regex.IsMatch(link.GetAttribute("href")!, @"^/survey-assets/poster\.[0-9a-z]+\.css$"));
        Assert.Empty(page.Scripts);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APosterForAUnitNotInTheCampaignIsNotFound()
    {
        var admin = await _app.SignedInClientAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/campaigns/{_campaign.CampaignId}/units/DIR-A/poster")).StatusCode);
    }

    [Fact]
    public async Task TheFirstPageAndEverythingItLoadsWeighUnder60KilobytesCompressed()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var page = await client.GetAsync($"/s/{_campaign.Code}");
        var bytes = (await page.Content.ReadAsByteArrayAsync()).Length;
        Assert.Equal("br", page.Content.Headers.ContentEncoding.Single());
        var html = await _app.CreateClient().GetStringAsync($"/s/{_campaign.Code}");
        var document = new HtmlParser().ParseDocument(html);
        var assets = document.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href"))
            .Concat(document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")))
            .OfType<string>().ToList();
        // The survey's stylesheet and script, each at a content-hashed URL (survey.<hash>.css).
        Assert.Equal(2, assets.Count);
        Assert.All(assets, a => Assert.Matches(@"^/survey-assets/[a-z]+\.[0-9a-z]{6,}\.(css|js)$", a));
        foreach (var asset in assets)
        {
            var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
            Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            bytes += (await response.Content.ReadAsByteArrayAsync()).Length;
        }

        Assert.True(bytes < 60 * 1024, $"The first page and its files weigh {bytes:N0} bytes compressed.");
    }
}
