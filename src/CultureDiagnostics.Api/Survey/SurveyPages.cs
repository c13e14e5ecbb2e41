using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application.Responses;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Data.Responses;
using Microsoft.AspNetCore.Http.Features;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Survey;

/// <summary>
/// The respondent's survey at /s/{code}: pages rendered by Razor on the server that work without
/// JavaScript (each answer is POSTed and carried forward in a sealed form field, <see cref="ProgressState"/>)
/// and that survey.js enhances to run on the device, offline included. Nothing is written to the database
/// before the final "Send", which takes the response through <see cref="ResponseIntake"/> like POST /api/responses.
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
        // POST /api/responses accepts from anyone anyway: no anti-forgery token (it would need a cookie,
        // and the survey sets none).
        group.MapPost("/{code}", StepAsync).DisableAntiforgery().RequireRateLimiting(RequestLimits.SurveyPagePosts)
            .WithMetadata(new TooManyRequestsPage(TooManyRequests));
        return group;
    }

    private static async Task<Results<RazorComponentResult<SurveyFirstPage>, RazorComponentResult<SurveyMessagePage>>> ShowAsync(
        string code, ResponseIntake intake, SurveyText text, CancellationToken cancellationToken)
    {
        var (page, refusal) = await LoadAsync(code, intake, text, cancellationToken);
        return refusal is not null ? refusal : Page<SurveyFirstPage>(new { Page = page });
    }

    private static async Task<Results<RazorComponentResult<SurveyStepPage>, RazorComponentResult<SurveyThanksPage>, RazorComponentResult<SurveyMessagePage>>> StepAsync(
        string code, HttpContext context, ResponseIntake intake, SurveyText text, ProgressProtector protector, CancellationToken cancellationToken)
    {
        var (page, refusal) = await LoadAsync(code, intake, text, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = await ReadFormAsync(context.Request, cancellationToken);
        var go = form?["go"].ToString();
        var state = protector.Unprotect(form?["state"].ToString(), page!.Code);
        var at = go == "start" ? page.Flow.All[0] : page.Flow.Find(form?["at"].ToString());
        if (form is null || (state is null && go != "start") || at is null)
        {
            return Message(text.ExpiredTitle, text.ExpiredBody, StatusCodes.Status400BadRequest, startAgainHref: page.Action);
        }

        state ??= ProgressState.Start(page.Code);
        Record(state, at, form);
        var visible = page.Flow.Visible(state.Answers);
        var index = Math.Max(0, visible.ToList().FindIndex(s => s.Id == at.Id));
        switch (go)
        {
            case "back":
                return Step(page, protector, state, visible[Math.Max(0, index - 1)], null);
            case "send":
                return await SendAsync(page, protector, intake, text, state, cancellationToken);
            default:
                if (ErrorFor(page, text, state, at) is { } error)
                {
                    return Step(page, protector, state, at, error);
                }

                return Step(page, protector, state, visible[Math.Min(visible.Count - 1, index + 1)], null);
        }
    }

    private static async Task<Results<RazorComponentResult<SurveyStepPage>, RazorComponentResult<SurveyThanksPage>, RazorComponentResult<SurveyMessagePage>>> SendAsync(
        SurveyPage page, ProgressProtector protector, ResponseIntake intake, SurveyText text, ProgressState state, CancellationToken cancellationToken)
    {
        var (submission, screenOf) = page.Flow.ToSubmission(state.Answers);
        switch (await intake.SubmitAsync(page.Code, state.Key, submission, cancellationToken))
        {
            case IntakeResult.Stored stored:
                return Page<SurveyThanksPage>(new { CampaignTitle = page.Campaign.Title, AlreadyStored = stored.Outcome == StoreOutcome.AlreadyStored });
            case IntakeResult.Invalid invalid:
                var wrong = invalid.Errors.Keys.Select(screenOf).OfType<string>().ToHashSet();
                var first = page.Flow.Visible(state.Answers).FirstOrDefault(s => wrong.Contains(s.Id)) ?? page.Flow.All[^1];
                return Step(page, protector, state, first, Describe(text, state, first));
            case IntakeResult.NotYetOpen(var campaign):
                return Refusal(text, Acceptance.NotYetOpen, campaign);
            case IntakeResult.Closed(var campaign):
                return Refusal(text, Acceptance.Closed, campaign);
            default:
                return Refusal(text, null, null);
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
    /// <see cref="SubmissionRules"/> over the answers so far, so the pages apply exactly the rules that
    /// <see cref="ResponseIntake"/> applies when the answers are sent.
    /// </summary>
    private static string? ErrorFor(SurveyPage page, SurveyText text, ProgressState state, Screen screen)
    {
        if (!screen.IsQuestion)
        {
            return null;
        }

        var (submission, screenOf) = page.Flow.ToSubmission(state.Answers);
        var (_, errors) = SubmissionRules.Check(submission, page.Survey.Instruments);
        return errors.Keys.Any(k => screenOf(k) == screen.Id) ? Describe(text, state, screen) : null;
    }

    private static string Describe(SurveyText text, ProgressState state, Screen screen) =>
        screen.Kind == ScreenKind.Text ? text.Format(text.ErrorTooLong, screen.Item!.MaxLength ?? 0)
        : state.Answers.ContainsKey(screen.Id) ? text.ErrorInvalid
        : text.ErrorChoose;

    private static RazorComponentResult<SurveyStepPage> Step(SurveyPage page, ProgressProtector protector, ProgressState state, Screen screen, string? error) =>
        Page<SurveyStepPage>(new { Page = page, Screen = screen, Answers = state.Answers, Token = protector.Protect(state), Error = error });

    /// <summary>The survey behind the link, or the page that says why there is none to answer.</summary>
    private static async Task<(SurveyPage? Page, RazorComponentResult<SurveyMessagePage>? Refusal)> LoadAsync(
        string code, ResponseIntake intake, SurveyText text, CancellationToken cancellationToken)
    {
        // A shared unit code of an invitations-only campaign is refused like an unknown one.
        if (await intake.OpenAsync(code, cancellationToken) is not { NeedsInvitation: false } survey)
        {
            return (null, Refusal(text, null, null));
        }

        return survey.Acceptance == Acceptance.Accepting
            ? (new SurveyPage(survey, new SurveyFlow(survey.Instruments)), null)
            : (null, Refusal(text, survey.Acceptance, survey.Campaign));
    }

    private static RazorComponentResult<SurveyMessagePage> Refusal(SurveyText text, Acceptance? acceptance, Campaign? campaign) => acceptance switch
    {
        Acceptance.NotYetOpen => Message(text.NotOpenTitle, text.Format(text.NotOpenBody, campaign!.Title, text.Date(campaign.OpensOn)), StatusCodes.Status409Conflict),
        Acceptance.Closed => Message(text.ClosedTitle, text.Format(text.ClosedBody, campaign!.Title, text.Date(campaign.EndedOn)), StatusCodes.Status410Gone),
        _ => Message(text.NotFoundTitle, text.NotFoundBody, StatusCodes.Status404NotFound),
    };

    /// <summary>A page that explains why there is no survey to answer; also the poster's when it has no such unit.</summary>
    internal static RazorComponentResult<SurveyMessagePage> Message(string heading, string body, int status, string? startAgainHref = null) =>
        Page<SurveyMessagePage>(new { Heading = heading, Body = body, StartAgainHref = startAgainHref }, status);

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

    private static RazorComponentResult<SurveyMessagePage> TooManyRequests(HttpContext context, int seconds)
    {
        var text = context.RequestServices.GetRequiredService<SurveyText>();
        return Message(text.TooManyRequestsTitle, text.Format(text.TooManyRequestsBody, seconds), StatusCodes.Status429TooManyRequests);
    }
}
