using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Antiforgery;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>Small helpers for server-rendered HTML: every text goes through <see cref="E"/>.</summary>
public static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string F(double? value, string format = "0.00") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static string Pct(double? share) => share is { } s ? (100 * s).ToString("0", CultureInfo.InvariantCulture) + "%" : "–";

    public static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The hidden anti-forgery field every form that changes something carries.</summary>
    public static string Token(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    /// <summary>A POST form with the anti-forgery token; the content is already HTML.</summary>
    public static string Form(HttpContext context, string action, string content, string? cssClass = null, bool multipart = false) =>
        $"<form method=\"post\" action=\"{E(action)}\"{(cssClass is null ? "" : $" class=\"{cssClass}\"")}{(multipart ? " enctype=\"multipart/form-data\"" : "")}>{Token(context)}{content}</form>";

    public static string Select(string name, string id, IEnumerable<(string Value, string Text)> options, string? selected, bool required = true) =>
        $"<select name=\"{name}\" id=\"{id}\"{(required ? " required" : "")}>"
        + string.Concat(options.Select(o => $"<option value=\"{E(o.Value)}\"{(o.Value == selected ? " selected" : "")}>{E(o.Text)}</option>"))
        + "</select>";

    /// <summary>A list of problems at the top of a form, linked to each field, as GOV.UK's error summary does.</summary>
    public static string Errors(IReadOnlyDictionary<string, string[]>? errors)
    {
        if (errors is null || errors.Count == 0)
        {
            return "";
        }

        var items = string.Concat(errors.SelectMany(e => e.Value.Select(m => $"<li><strong>{E(e.Key)}</strong>: {E(m)}</li>")));
        return $"<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>There is a problem</h2><ul>{items}</ul></div>";
    }

    public static string Notice(string? message) =>
        string.IsNullOrEmpty(message) ? "" : $"<div class=\"notice\" role=\"status\"><p>{E(message)}</p></div>";
}
