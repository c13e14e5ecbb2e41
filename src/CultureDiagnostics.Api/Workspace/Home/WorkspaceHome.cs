using CultureDiagnostics.Api.Infrastructure;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>The change team's start page: the Discover phase in order.</summary>
public static class WorkspaceHome
{
    public static IEndpointRouteBuilder MapWorkspaceHome(this IEndpointRouteBuilder routes)
    {
        routes.Pages("/workspace", Policies.ChangeTeam).MapGet("/", (HttpContext context) => Layout.Result(context, "Workspace", """
            <h1>Change-team workspace</h1>
            <p class="lead">Phase 1, Discover: the diagnostics, then the synthesis.</p>
            <ol>
            <li><a href="/workspace/structure">Organisation structure</a>: import the teams and their headcounts.</li>
            <li><a href="/workspace/campaigns">Survey campaigns</a>: create a wave, open it, share links and posters, watch response rates, explore results.</li>
            <li><a href="/workspace/metrics">Culture and outcomes metrics</a>: monthly series as statistical process control charts.</li>
            <li><a href="/workspace/findings">Findings</a>: focus groups, board interviews, leadership workforce analysis and patient experience.</li>
            <li><a href="/workspace/synthesis">Synthesis</a>: the evidence element by element, your conclusions, and the Phase 2 interventions.</li>
            <li><a href="/dashboard/latest">The board's culture dashboard</a>.</li>
            </ol>
            """));
        return routes;
    }
}
