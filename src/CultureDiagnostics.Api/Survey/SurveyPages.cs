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
/// JavaScript (each answer is POSTed, carried forward sealed (<see cref="ProgressState"/>) in a cookie for the
/// link, and the next step is its own page the POST redirects to, so the browser's Back button works; a browser
/// that keeps no cookie gets each step as the POST's answer, the progress in a form field) and that survey.js
/// enhances to run on the device, offline included. Nothing is written to the database
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
        // POST /api/responses accepts from anyone anyway: no anti-forgery token. The progress cookie is
        // SameSite=Strict, so another site's post never carries it.
        group.MapPost("/{code}", StepAsync).DisableAntiforgery().RequireRateLimiting(RequestLimits.SurveyPagePosts)
            .WithMetadata(new TooManyRequestsPage(TooManyRequests));
        return group;
    }

    /// <summary>
    /// The first page (offering to continue or start again while answers from earlier are kept on this device), or with
    /// <paramref name="at"/> one step of the survey without script, from the progress cookie: each step is a page of its
    /// own, so the browser's Back button shows the step before without asking to send a form again.
    /// </summary>
    /// <param name="check">Show the step with the problem its answer has (after a "Next" or "Send" that could not go on).</param>
    private static async Task<IResult> ShowAsync(
        string code, string? at, string? check, HttpContext context, ResponseIntake intake, SurveyText text, ProgressProtector protector,
        ProgressCookie cookie, CancellationToken cancellationToken)
    {
        var (page, refusal) = await LoadAsync(code, intake, text, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var state = cookie.Read(context, page!.Code);
        if (at is null)
        {
            ProgressCookie.Probe(context, page.Code);
            return Page<SurveyFirstPage>(new { Page = page, InProgress = state is { Answers.Count: > 0 } });
        }

        var visible = state is null ? [] : page.Flow.Visible(state.Answers);
        if (state is null || visible.FirstOrDefault(s => s.Id == at) is not { } screen)
        {
            return TypedResults.Redirect(page.Action);
        }

        state.At = screen.Id;
        cookie.Write(context, page.Code, state);
        return Step(page, protector, state, screen, check is null ? null : ErrorFor(page, text, state, screen));
    }

    private static async Task<IResult> StepAsync(
        string code, HttpContext context, ResponseIntake intake, SurveyText text, ProgressProtector protector, ProgressCookie cookie,
        CancellationToken cancellationToken)
    {
        var (page, refusal) = await LoadAsync(code, intake, text, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = await ReadFormAsync(context.Request, cancellationToken);
        var go = form?["go"].ToString();
        // The cookie holds the latest answers (a page shown again from the browser's history may carry older ones).
        var state = cookie.Read(context, page!.Code) ?? protector.Unprotect(form?["state"].ToString(), page.Code);
        if (go == "restart")
        {
            cookie.Delete(context, page.Code);
            (state, go) = (null, "start");
        }

        var at = go == "start" ? page.Flow.All[0] : page.Flow.Find(form?["at"].ToString());
        if (form is null || (state is null && go != "start") || at is null)
        {
            return Message(text.ExpiredTitle, text.ExpiredBody, StatusCodes.Status400BadRequest, startAgainHref: page.Action);
        }

        state ??= ProgressState.Start(page.Code);
        Record(state, at, form);
        var visible = page.Flow.Visible(state.Answers);
        var index = Math.Max(0, visible.ToList().FindIndex(s => s.Id == at.Id));
        Screen target;
        string? error = null;
        switch (go)
        {
            case "start" when state.Answers.Count > 0:
                // Continue where the respondent left off.
                target = visible.FirstOrDefault(s => s.Id == state.At && s.Kind != ScreenKind.Intro) ?? visible[Math.Min(1, visible.Count - 1)];
                break;
            case "back":
                target = visible[Math.Max(0, index - 1)];
                break;
            case "send":
                var (sent, wrong) = await SendAsync(page, intake, text, state, cancellationToken);
                if (sent is not null)
                {
                    cookie.Delete(context, page.Code);
                    return sent;
                }

                (target, error) = (wrong!, Describe(text, state, wrong!));
                break;
            default:
                error = ErrorFor(page, text, state, at);
                target = error is null ? visible[Math.Min(visible.Count - 1, index + 1)] : at;
                break;
        }

        state.At = target.Id;
        if (!ProgressCookie.Accepted(context))
        {
            // A browser that keeps no cookie: the next step is this response itself, its progress inside the page.
            return Step(page, protector, state, target, error);
        }

        cookie.Write(context, page.Code, state);
        return TypedResults.Redirect($"{page.Action}?at={Uri.EscapeDataString(target.Id)}{(error is null ? "" : "&check=1")}");
    }

    /// <summary>Sends the answers: the thank-you page or why not (a refusal page, or the first screen whose answer is wrong).</summary>
    private static async Task<(IResult? Page, Screen? Wrong)> SendAsync(
        SurveyPage page, ResponseIntake intake, SurveyText text, ProgressState state, CancellationToken cancellationToken)
    {
        var (submission, screenOf) = page.Flow.ToSubmission(state.Answers);
        switch (await intake.SubmitAsync(page.Code, state.Key, submission, cancellationToken))
        {
            case IntakeResult.Stored stored:
                return (Page<SurveyThanksPage>(new { Page = page, AlreadyStored = stored.Outcome == StoreOutcome.AlreadyStored }), null);
            case IntakeResult.Invalid invalid:
                var wrong = invalid.Errors.Keys.Select(screenOf).OfType<string>().ToHashSet();
                return (null, page.Flow.Visible(state.Answers).FirstOrDefault(s => wrong.Contains(s.Id)) ?? page.Flow.All[^1]);
            case IntakeResult.NotYetOpen(var campaign):
                return (Refusal(text, Acceptance.NotYetOpen, campaign), null);
            case IntakeResult.Closed(var campaign):
                return (Refusal(text, Acceptance.Closed, campaign), null);
            default:
                return (Refusal(text, null, null), null);
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
