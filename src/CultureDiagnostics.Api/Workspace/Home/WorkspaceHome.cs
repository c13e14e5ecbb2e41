using CultureDiagnostics.Api.Infrastructure;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>The change team's start page: the Discover phase in order.</summary>
public static class WorkspaceHome
{
    public static IEndpointRouteBuilder MapWorkspaceHome(this IEndpointRouteBuilder routes)
    {
        routes.Pages("/workspace", Policies.ChangeTeam).MapGet("/", () => Page<WorkspaceHomePage>());
        return routes;
    }
}
