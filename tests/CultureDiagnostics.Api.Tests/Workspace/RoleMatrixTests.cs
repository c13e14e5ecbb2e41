using System.Net;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Workspace;

/// <summary>Every endpoint the app maps, for every kind of visitor: only the expected ones get through.</summary>
public sealed class RoleMatrixTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>
    /// Route patterns an anonymous visitor may reach: respondents' pages and API, signing in, the API description,
    /// the pages' stylesheets and script, and the health of the instance for load balancers.
    /// </summary>
    private static readonly string[] AnonymousPrefixes =
        ["/s/", "/api/survey/", "/api/responses", "/sign-in", "/sign-out", "/api/auth/sign-in", "/api/setup", "/openapi/",
         "/survey-assets/", "/workspace-assets/", "/health/", "/favicon."];

    private sealed record Probe(string Method, string Pattern, string Url, string[] Roles, bool Anonymous, string ContentType);

    private List<Probe> Probes()
    {
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var probes = new List<Probe>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
            // The most restrictive policy on the endpoint decides (a group's policy plus the endpoint's own).
            var roles = policies.Contains(Policies.Administrator) ? [Roles.Administrator]
                : policies.Contains(Policies.ChangeTeam) ? [Roles.Administrator, Roles.Analyst]
                : policies.Contains(Policies.Reader) ? Roles.WholeOrganisation.ToArray()
                : Roles.All.ToArray();
            var url = System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}:]+:int\\}", "1");
            url = System.Text.RegularExpressions.Regex.Replace(url, "\\{[^}]+\\}", "unknown-id");
            // A body of the type the endpoint accepts: otherwise routing answers 415 before authorisation is asked.
            var contentType = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes is { Count: > 0 } types ? types[0] : "application/json";
            probes.AddRange(methods.Select(m => new Probe(m, pattern, url, roles, anonymous, contentType)));
        }

        // Sign-out last, so a successful one cannot turn the rest of the walk anonymous.
        return probes.OrderBy(p => p.Pattern.Contains("sign-out", StringComparison.Ordinal)).ThenBy(p => p.Pattern, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void AnonymousEndpointsAreOnlyThoseForRespondentsAndSigningIn()
    {
        var open = Probes().Where(p => p.Anonymous).Select(p => p.Pattern).Distinct().ToList();
        var unexpected = open.Where(p => p != "/" && !AnonymousPrefixes.Any(prefix => p.StartsWith(prefix, StringComparison.Ordinal) || p == prefix.TrimEnd('/'))).ToList();
        Assert.True(unexpected.Count == 0, "Open to anonymous visitors: " + string.Join(", ", unexpected));
        Assert.Contains("/sign-in", open);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Roles.Board)]
    [InlineData(Roles.UnitLead)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Administrator)]
    public async Task EveryEndpointAnswersEachRoleAsExpected(string? role)
    {
        if (role == Roles.UnitLead)
        {
            await _app.Services.GetRequiredService<CultureDiagnostics.Data.Organisation.UnitStore>().AddAsync([new("LEAD-UNIT", "A unit with a lead", null, 10)]);
        }

        var client = role is null ? WorkspaceClient.Anonymous(_app)
            : await WorkspaceClient.SignedInAsync(_app, role, role == Roles.UnitLead ? "LEAD-UNIT" : null);
        var failures = new List<string>();
        var probes = Probes();
        Assert.True(probes.Count > 40, $"Only {probes.Count} endpoints found");
        foreach (var probe in probes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url);
            if (probe.Method is "POST" or "PUT")
            {
                request.Content = probe.ContentType.StartsWith("multipart/", StringComparison.Ordinal)
                    ? new MultipartFormDataContent()
                    : new StringContent(probe.ContentType == "application/json" ? "{}" : "", System.Text.Encoding.UTF8, probe.ContentType);
            }

            var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var toSignIn = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/sign-in?", StringComparison.Ordinal) == true;
            var isApi = probe.Pattern.StartsWith("/api/", StringComparison.Ordinal);
            string? problem = null;
            if (probe.Anonymous || (role is not null && probe.Roles.Contains(role)))
            {
                if (status is 401 or 403 || toSignIn)
                {
                    problem = $"expected to get through, got {status}";
                }
            }
            else if (role is null)
            {
                if (isApi ? status != 401 || response.Content.Headers.ContentType?.MediaType != "application/problem+json" : !toSignIn)
                {
                    problem = isApi ? $"expected 401 problem details, got {status}" : $"expected a redirect to /sign-in, got {status} {response.Headers.Location}";
                }
            }
            else if (status != 403 || (isApi && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
            {
                problem = $"expected 403, got {status}";
            }

            if (problem is not null)
            {
                failures.Add($"{probe.Method} {probe.Pattern} as {role ?? "anonymous"}: {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task TheStylesheetIsServedToEveryone()
    {
        var client = WorkspaceClient.Anonymous(_app);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/sign-in"));
        var href = page.QuerySelector("link[rel=stylesheet]")?.GetAttribute("href");
        Assert.StartsWith("/workspace-assets/", href, StringComparison.Ordinal);
        var css = await client.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }
}
