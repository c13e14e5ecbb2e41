using System.Security.Claims;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>The page around every workspace and dashboard page: one stylesheet, no script, a skip link and the navigation.</summary>
public static class Layout
{
    public static string Page(HttpContext context, string title, string body, string? pageClass = null)
    {
        var user = context.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        var changeTeam = user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Analyst);
        var links = new List<(string Href, string Text)>();
        if (changeTeam)
        {
            links.AddRange([
                ("/workspace", "Workspace"), ("/workspace/structure", "Structure"), ("/workspace/campaigns", "Campaigns"),
                ("/workspace/metrics", "Metrics"), ("/workspace/findings", "Findings"), ("/workspace/synthesis", "Synthesis"),
            ]);
        }

        if (signedIn)
        {
            links.Add(("/dashboard/latest", "Board dashboard"));
        }

        var path = context.Request.Path.Value ?? "";
        var nav = links.Count == 0 ? "" :
            "<nav aria-label=\"Main\"><ul>" + string.Concat(links.Select(l =>
                $"<li><a href=\"{l.Href}\"{(IsCurrent(path, l.Href) ? " aria-current=\"page\"" : "")}>{Html.E(l.Text)}</a></li>")) + "</ul></nav>";
        var account = signedIn
            ? $"<div class=\"account\"><span>{Html.E(user.FindFirstValue(ClaimTypes.Name))} ({Html.E(user.FindFirstValue(ClaimTypes.Role))})</span>"
              + Html.Form(context, "/sign-out", "<button type=\"submit\" class=\"link-button\">Sign out</button>", "inline") + "</div>"
            : "";
        return $"""
            <!doctype html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Html.E(title)} – CultureDiagnostics</title>
            <link rel="stylesheet" href="{WorkspaceAssets.StylesheetUrl}">
            </head>
            <body{(pageClass is null ? "" : $" class=\"{pageClass}\"")}>
            <a class="skip" href="#main">Skip to content</a>
            <header class="site"><div class="bar"><a class="brand" href="/">CultureDiagnostics</a>{account}</div>{nav}</header>
            <main id="main" tabindex="-1">
            {body}
            </main>
            </body>
            </html>
            """;
    }

    public static ContentHttpResult Result(HttpContext context, string title, string body, int status = StatusCodes.Status200OK, string? pageClass = null) =>
        TypedResults.Content(Page(context, title, body, pageClass), "text/html; charset=utf-8", statusCode: status);

    private static bool IsCurrent(string path, string href) =>
        href == "/workspace" ? path == "/workspace" : path.StartsWith(href, StringComparison.OrdinalIgnoreCase);

    /// <summary>The workspace's page headers: no script at all, no caching; the referrer only within the site.</summary>
    public static TBuilder WithPageHeaders<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        // "no-cache, no-store" as antiforgery sets it on pages with forms: saying it first spares a warning per page in the log.
        builder.WithPageSecurityHeaders(SecurityHeaders.NoScriptContentSecurityPolicy, referrerPolicy: "same-origin", cacheControl: "no-cache, no-store");

    /// <summary>For a page group: signed-in users of the policy, and the page headers.</summary>
    public static RouteGroupBuilder Pages(this IEndpointRouteBuilder routes, string prefix, string policy) =>
        routes.MapGroup(prefix).RequireAuthorization(policy).ExcludeFromDescription().WithPageHeaders();
}
