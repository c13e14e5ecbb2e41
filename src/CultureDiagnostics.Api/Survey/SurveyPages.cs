using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Api.Responses;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;
using Microsoft.AspNetCore.Http.Features;

namespace CultureDiagnostics.Api.Survey;

/// <summary>
/// The respondent's survey at /s/{code}: server-rendered pages that work without JavaScript (each
/// answer is POSTed and carried forward in an encrypted form field) and that survey.js enhances to
/// run on the device, offline included. Nothing is written to the database before the final "Send",
/// which goes through <see cref="ResponseIntake"/> like POST /api/responses.
/// </summary>
public static class SurveyPages
{
    /// <summary>Far above a survey's answers with three full comments, encrypted and base64-encoded.</summary>
    private const int MaxFormBytes = 256 * 1024;

    public static RouteGroupBuilder MapSurveyPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/s").AllowAnonymous().ExcludeFromDescription().WithPageSecurityHeaders();
        group.MapGet("/{code}", ShowAsync);
        // Respondents are anonymous and a forged post can only submit answers the forger chose, which
        // POST /api/responses accepts from anyone anyway: no anti-forgery token (it would need a cookie).
        group.MapPost("/{code}", StepAsync).DisableAntiforgery().RequireRateLimiting(Infrastructure.RequestLimits.SurveyPagePosts)
            .WithMetadata(new Infrastructure.TooManyRequestsPage(TooManyRequests));
        return group;
    }

    private static async Task<ContentHttpResult> ShowAsync(
        string code, ResponseIntake intake, UnitStore units, SurveyAssets assets, SurveyText text, CancellationToken cancellationToken)
    {
        var (page, refusal) = await LoadAsync(code, intake, units, assets, text, cancellationToken);
        return refusal ?? Html(SurveyHtml.Full(page!));
    }

    private static async Task<ContentHttpResult> StepAsync(
        string code, HttpContext context, ResponseIntake intake, UnitStore units, SurveyAssets assets, SurveyText text,
        ProgressProtector protector, CancellationToken cancellationToken)
    {
        var (page, refusal) = await LoadAsync(code, intake, units, assets, text, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = await ReadFormAsync(context.Request, cancellationToken);
        var go = form?["go"].ToString();
        var state = protector.Unprotect(form?["state"].ToString(), page!.Code);
        if (form is null || (state is null && go != "start"))
        {
            return Html(SurveyHtml.Message(assets, text, text.ExpiredTitle, text.ExpiredBody, "/s/" + Uri.EscapeDataString(page!.Code)),
                StatusCodes.Status400BadRequest);
        }

        var flow = page.Flow;
        state ??= ProgressState.Start(page.Code);
        var at = go == "start" ? flow.All[0] : flow.Find(form["at"].ToString());
        if (at is null)
        {
            return Html(SurveyHtml.Message(assets, text, text.ExpiredTitle, text.ExpiredBody, "/s/" + Uri.EscapeDataString(page.Code)),
                StatusCodes.Status400BadRequest);
        }

        Record(state, at, form);
        var visible = flow.Visible(state.Answers);
        var index = Math.Max(0, visible.ToList().FindIndex(s => s.Id == at.Id));
        switch (go)
        {
            case "back":
                return Step(page, protector, state, visible[Math.Max(0, index - 1)], null);
            case "send":
                return await SendAsync(page, protector, intake, state, cancellationToken);
            default:
                if (ErrorFor(page, state, at) is { } error)
                {
                    return Step(page, protector, state, at, error);
                }

                return Step(page, protector, state, visible[Math.Min(visible.Count - 1, index + 1)], null);
        }
    }

    private static async Task<ContentHttpResult> SendAsync(
        SurveyPage page, ProgressProtector protector, ResponseIntake intake, ProgressState state, CancellationToken cancellationToken)
    {
        var (submission, screenOf) = page.Flow.ToSubmission(state.Answers);
        var result = await intake.SubmitAsync(page.Code, state.Key, submission, cancellationToken);
        var text = page.Text;
        switch (result)
        {
            case IntakeResult.Stored stored:
                return Html(SurveyHtml.Thanks(page.Assets, text, page.Campaign.Title, stored.Outcome == StoreOutcome.AlreadyStored));
            case IntakeResult.Invalid invalid:
                var wrong = invalid.Errors.Keys.Select(screenOf).OfType<string>().ToHashSet();
                var first = page.Flow.Visible(state.Answers).FirstOrDefault(s => wrong.Contains(s.Id)) ?? page.Flow.All[^1];
                return Step(page, protector, state, first, Describe(page, state, first));
            default:
                return Refusal(page.Assets, text, result switch
                {
                    IntakeResult.NotYetOpen => Acceptance.NotYetOpen,
                    IntakeResult.Closed => Acceptance.Closed,
                    _ => null,
                }, page.Campaign);
        }
    }

    /// <summary>Keeps the answer given on <paramref name="screen"/> (or forgets it when cleared).</summary>
    private static void Record(ProgressState state, Screen screen, IFormCollection form)
    {
        if (!screen.IsQuestion)
        {
            return;
        }

        var values = form[screen.Field];
        if (values.Count == 0 || (screen.Kind != ScreenKind.Demographic && string.IsNullOrEmpty(values[0])))
        {
            state.Answers.Remove(screen.Id);
        }
        else
        {
            state.Answers[screen.Id] = values[0] ?? "";
        }
    }

    /// <summary>
    /// The problem with this screen's answer, worded for a respondent. Whether there is one is decided by
    /// <see cref="SubmissionRules"/> over the answers so far, so the pages apply exactly the API's rules.
    /// </summary>
    private static string? ErrorFor(SurveyPage page, ProgressState state, Screen screen)
    {
        if (!screen.IsQuestion)
        {
            return null;
        }

        var (submission, screenOf) = page.Flow.ToSubmission(state.Answers);
        var (_, errors) = SubmissionRules.Check(submission, page.Flow.Instruments);
        return errors.Keys.Any(k => screenOf(k) == screen.Id) ? Describe(page, state, screen) : null;
    }

    private static string Describe(SurveyPage page, ProgressState state, Screen screen)
    {
        var text = page.Text;
        if (screen.Kind == ScreenKind.Text)
        {
            return text.Format(text.ErrorTooLong, screen.Item!.MaxLength ?? 0);
        }

        return state.Answers.ContainsKey(screen.Id) ? text.ErrorInvalid : text.ErrorChoose;
    }

    private static ContentHttpResult Step(SurveyPage page, ProgressProtector protector, ProgressState state, Screen screen, string? error) =>
        Html(SurveyHtml.Single(page, screen, state.Answers, protector.Protect(state), error));

    private static async Task<(SurveyPage? Page, ContentHttpResult? Refusal)> LoadAsync(
        string code, ResponseIntake intake, UnitStore units, SurveyAssets assets, SurveyText text, CancellationToken cancellationToken)
    {
        // A shared unit code of an invitations-only campaign is refused like an unknown one.
        if (await intake.FindAsync(code, cancellationToken) is not var (campaign, unitId, invitation)
            || (campaign.InvitationsOnly && invitation is null))
        {
            return (null, Refusal(assets, text, null, null));
        }

        var acceptance = intake.AcceptanceOf(campaign);
        if (acceptance != Acceptance.Accepting)
        {
            return (null, Refusal(assets, text, acceptance, campaign));
        }

        var unit = (await units.AllAsync(cancellationToken)).FirstOrDefault(u => u.Id == unitId);
        var normalised = code.Trim().ToLowerInvariant();
        return (new SurveyPage(normalised, campaign, unit?.Name ?? "", new SurveyFlow(intake.InstrumentsOf(campaign)), text, assets), null);
    }

    private static ContentHttpResult Refusal(SurveyAssets assets, SurveyText text, Acceptance? acceptance, Campaign? campaign) => acceptance switch
    {
        Acceptance.NotYetOpen => Html(SurveyHtml.Message(assets, text, text.NotOpenTitle,
            text.Format(text.NotOpenBody, campaign!.Title, text.Date(campaign.OpensOn))), StatusCodes.Status409Conflict),
        Acceptance.Closed => Html(SurveyHtml.Message(assets, text, text.ClosedTitle,
            text.Format(text.ClosedBody, campaign!.Title, text.Date(campaign.ClosesOn))), StatusCodes.Status410Gone),
        _ => Html(SurveyHtml.Message(assets, text, text.NotFoundTitle, text.NotFoundBody), StatusCodes.Status404NotFound),
    };

    private static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || request.ContentLength > MaxFormBytes)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFormBytes;
        }

        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException)
        {
            return null;
        }
    }

    private static ContentHttpResult TooManyRequests(HttpContext context, int seconds)
    {
        var text = context.RequestServices.GetRequiredService<SurveyText>();
        return Html(SurveyHtml.Message(context.RequestServices.GetRequiredService<SurveyAssets>(), text, text.TooManyRequestsTitle,
            text.Format(text.TooManyRequestsBody, seconds)), StatusCodes.Status429TooManyRequests);
    }

    private static ContentHttpResult Html(string html, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
}
