using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CultureDiagnostics.Api.Components;

/// <summary>
/// Pages are Razor components rendered on the server and returned from minimal-API handlers: every text
/// is encoded by Razor, and a page's parameters are named like its component's properties.
/// </summary>
public static class PageResults
{
    public static RazorComponentResult<TPage> Page<TPage>(object? parameters = null, int status = StatusCodes.Status200OK)
        where TPage : IComponent =>
        new(parameters ?? new Dictionary<string, object?>())
        {
            StatusCode = status,
            ContentType = "text/html; charset=utf-8",
        };
}
