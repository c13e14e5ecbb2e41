using CultureDiagnostics.Core.Diagnostics;
using static CultureDiagnostics.Api.Workspace.Html;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>Making Data Count icons as small inline SVGs: a symbol in a circle, always followed by the words.</summary>
public static class SpcIcons
{
    public static string Variation(string? pointType) => Icon(SpcWording.Variation(pointType), "Variation");

    public static string Assurance(string? assurance) => Icon(SpcWording.Assurance(assurance), "Assurance");

    private static string Icon(SpcLabel label, string what) =>
        $"<span class=\"mdc mdc-{label.Kind}\"><svg viewBox=\"0 0 32 32\" aria-hidden=\"true\" focusable=\"false\"><circle cx=\"16\" cy=\"16\" r=\"14\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"3\"/>"
        + $"<text x=\"16\" y=\"21.5\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"700\" fill=\"currentColor\">{E(label.Code)}</text></svg>"
        + $"<span><span class=\"visually-hidden\">{what}: </span>{E(label.Words)}</span></span>";
}
