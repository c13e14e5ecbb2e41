using System.Text;
using System.Text.Encodings.Web;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Api.Survey;

/// <summary>Everything a survey page shows about its campaign.</summary>
public sealed record SurveyPage(string Code, Campaign Campaign, string UnitName, SurveyFlow Flow, SurveyText Text, SurveyAssets Assets);

/// <summary>
/// The respondent's pages as HTML. One markup for both ways of answering: without JavaScript the
/// server renders a single screen per request; with it, the first page carries every screen (hidden)
/// and survey.js pages through them on the device. No inline script or style (the pages' CSP forbids both).
/// </summary>
public static class SurveyHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>The first page: who runs the survey and the promise of anonymity, then every screen hidden for survey.js.</summary>
    public static string Full(SurveyPage page)
    {
        var (text, flow) = (page.Text, page.Flow);
        var body = new StringBuilder();
        body.Append("<form id=\"survey\" class=\"survey\" method=\"post\" action=\"").Append(Action(page)).Append("\" novalidate data-mode=\"all\"")
            .Append(" data-code=\"").Append(E(page.Code)).Append('"')
            .Append(" data-progress=\"").Append(E(text.Progress)).Append('"')
            .Append(" data-error-choose=\"").Append(E(text.ErrorChoose)).Append('"')
            .Append(" data-send-failed=\"").Append(E(text.SendFailed)).Append('"')
            .Append(" data-continue=\"").Append(E(text.Continue)).Append("\">");
        var empty = new Dictionary<string, string>();
        var visible = flow.Visible(empty);
        foreach (var screen in flow.All)
        {
            body.Append(Screen(page, screen, visible, empty, error: null, hidden: screen.Kind != ScreenKind.Intro));
        }

        body.Append("</form>");
        body.Append(Section("thanks", text.ThanksHeading, text.ThanksBody, hidden: true));
        body.Append(Section("queued", text.QueuedHeading, text.QueuedBody, hidden: true));
        body.Append("<template id=\"error-summary-template\">").Append(ErrorSummary(text, [], autofocus: false)).Append("</template>");
        return Document(page.Assets, text, page.Campaign.Title, body.ToString());
    }

    /// <summary>One screen, for a device without JavaScript; <paramref name="token"/> carries the answers so far.</summary>
    public static string Single(SurveyPage page, Screen screen, IReadOnlyDictionary<string, string> answers, string token, string? error)
    {
        var visible = page.Flow.Visible(answers);
        var body = new StringBuilder();
        body.Append("<form class=\"survey\" method=\"post\" action=\"").Append(Action(page)).Append("\" novalidate>")
            .Append("<input type=\"hidden\" name=\"state\" value=\"").Append(E(token)).Append("\">")
            .Append("<input type=\"hidden\" name=\"at\" value=\"").Append(E(screen.Id)).Append("\">");
        if (error is not null)
        {
            body.Append(ErrorSummary(page.Text, [(Anchor(screen), error)], autofocus: true));
        }

        body.Append(Screen(page, screen, visible, answers, error, hidden: false)).Append("</form>");
        var title = screen.IsQuestion ? $"{ProgressText(page.Text, screen, visible)} – {page.Campaign.Title}" : page.Campaign.Title;
        return Document(page.Assets, page.Text, (error is null ? "" : "Error: ") + title, body.ToString());
    }

    public static string Thanks(SurveyAssets assets, SurveyText text, string title, bool already) =>
        Document(assets, text, $"{text.ThanksHeading} – {title}", Section("thanks", text.ThanksHeading, already ? text.ThanksAlready : text.ThanksBody, hidden: false));

    /// <summary>A page that explains why there is no survey to answer (unknown link, not open, closed, expired progress).</summary>
    public static string Message(SurveyAssets assets, SurveyText text, string heading, string message, string? startAgainHref = null)
    {
        var body = new StringBuilder(Section("message", heading, message, hidden: false));
        if (startAgainHref is not null)
        {
            body.Append("<p><a class=\"button\" href=\"").Append(E(startAgainHref)).Append("\">").Append(E(text.StartAgain)).Append("</a></p>");
        }

        return Document(assets, text, heading, body.ToString());
    }

    public static string Document(SurveyAssets assets, SurveyText text, string title, string main, string? extraStylesheet = null, bool script = true)
    {
        var html = new StringBuilder(4096);
        html.Append("<!doctype html><html lang=\"").Append(E(text.Language)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">")
            .Append("<meta name=\"color-scheme\" content=\"light dark\">")
            .Append("<title>").Append(E(title)).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(assets.Url("survey.css")).Append("\">");
        if (extraStylesheet is not null)
        {
            html.Append("<link rel=\"stylesheet\" href=\"").Append(assets.Url(extraStylesheet)).Append("\">");
        }

        if (script)
        {
            html.Append("<script src=\"").Append(assets.Url("survey.js")).Append("\" defer></script>");
        }

        html.Append("</head>")
            .Append("<body><main id=\"main\" class=\"page\">").Append(main).Append("</main></body></html>");
        return html.ToString();
    }

    private static string Screen(SurveyPage page, Screen screen, IReadOnlyList<Screen> visible, IReadOnlyDictionary<string, string> answers, string? error, bool hidden)
    {
        var text = page.Text;
        var html = new StringBuilder();
        html.Append("<section class=\"screen\" data-screen=\"").Append(E(screen.Id)).Append("\" data-kind=\"")
            .Append(screen.Kind.ToString().ToLowerInvariant()).Append('"');
        if (screen.IsQuestion)
        {
            html.Append(" data-field=\"").Append(screen.Field).Append('"');
            if (screen.Kind != ScreenKind.Demographic)
            {
                html.Append(" data-instrument=\"").Append(E(screen.Instrument!.Id)).Append("\" data-item=\"").Append(E(screen.Item!.Id)).Append('"');
            }
            else
            {
                html.Append(" data-question=\"").Append(E(screen.Demographic!.Id)).Append('"');
            }

            if (screen.Required)
            {
                html.Append(" data-required=\"true\"");
            }

            if (SurveyFlow.ConditionKey(screen) is { } gate)
            {
                html.Append(" data-condition=\"").Append(E(gate)).Append("\" data-condition-value=\"").Append(E(screen.Section!.Condition!.Value)).Append('"');
            }
        }

        html.Append(hidden ? " hidden>" : ">");
        if (screen.IsQuestion)
        {
            var (number, total) = Position(screen, visible);
            html.Append("<div class=\"progress\"><p class=\"progress-text\" id=\"").Append(screen.Field).Append("-progress\">")
                .Append(E(text.Format(text.Progress, number, total))).Append("</p><progress max=\"").Append(total).Append("\" value=\"").Append(number)
                .Append("\" aria-labelledby=\"").Append(screen.Field).Append("-progress\"></progress></div>");
        }

        answers.TryGetValue(screen.Id, out var answer);
        switch (screen.Kind)
        {
            case ScreenKind.Intro:
                Intro(html, page);
                break;
            case ScreenKind.Scale:
                var scale = screen.Instrument!.FindScale(screen.Item!.Scale!)!;
                var options = scale.Points.Select(p => (p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Label)).ToList();
                if (scale.NotApplicableLabel is { } na)
                {
                    options.Add((Core.Collection.SubmissionRules.NotApplicable, na));
                }

                Radios(html, screen, screen.Item.Text, screen.Section!.Description, options, answer, error, text);
                break;
            case ScreenKind.Choice:
                Radios(html, screen, screen.Item!.Text, screen.Section!.Description, screen.Item.Options.Select(o => (o.Value, o.Label)).ToList(), answer, error, text);
                break;
            case ScreenKind.Demographic:
                var demographic = screen.Demographic!;
                Radios(html, screen, demographic.Text, text.DemographicHint,
                    [.. demographic.Options.Select(o => (o.Value, o.Label)), ("", text.Decline)], answer, error, text);
                break;
            case ScreenKind.Text:
                Comment(html, screen, answer, error, text);
                break;
            case ScreenKind.Review:
                html.Append("<h1 class=\"heading\" tabindex=\"-1\">").Append(E(text.ReviewHeading)).Append("</h1><p>").Append(E(text.ReviewBody)).Append("</p>")
                    .Append("<p class=\"send-error error-message\" role=\"alert\" hidden></p>");
                break;
        }

        html.Append("<div class=\"actions\">");
        html.Append(screen.Kind switch
        {
            ScreenKind.Intro => Button("start", text.Start, "primary"),
            ScreenKind.Review => Button("send", text.Send, "primary"),
            _ => Button("next", text.Next, "primary"),
        });
        if (screen.Kind != ScreenKind.Intro)
        {
            html.Append(Button("back", text.Back, "secondary"));
        }

        return html.Append("</div></section>").ToString();
    }

    private static void Intro(StringBuilder html, SurveyPage page)
    {
        var (text, campaign) = (page.Text, page.Campaign);
        var questions = page.Flow.Visible(new Dictionary<string, string>()).Count(s => s.IsQuestion);
        html.Append("<p class=\"caption\">").Append(E(text.Format(text.RunBy, campaign.Organiser))).Append("</p>")
            .Append("<h1 class=\"heading\" tabindex=\"-1\">").Append(E(campaign.Title)).Append("</h1>")
            .Append("<p>").Append(E(text.Format(text.CountedIn, page.UnitName))).Append("</p>")
            .Append("<p>").Append(E(text.Format(text.Duration, page.Flow.Instruments.Sum(i => i.EstimatedMinutes))))
            .Append(' ').Append(E(text.Format(text.Questions, questions))).Append(".</p>")
            .Append(Promise(text, campaign.Thresholds));
        foreach (var instrument in page.Flow.Instruments)
        {
            html.Append("<h2>").Append(E(instrument.Title)).Append("</h2><p>").Append(E(instrument.Introduction)).Append("</p>");
        }

        html.Append("<p>").Append(E(text.Format(text.ClosesOn, text.Date(campaign.ClosesOn)))).Append("</p>");
    }

    /// <summary>The promise of anonymity, in the same words on the first page and on the poster.</summary>
    public static string Promise(SurveyText text, DisclosureThresholds thresholds) =>
        $"<div class=\"promise\"><h2>{E(text.AnonymityHeading)}</h2><ul><li>{E(text.AnonymityNothingRecorded)}</li>"
        + $"<li>{E(text.Format(text.AnonymityThresholds, thresholds.Scores, thresholds.Comments))}</li>"
        + $"<li>{E(text.AnonymityComments)}</li><li>{E(text.AnonymityProgress)}</li></ul></div>";

    private static void Radios(StringBuilder html, Screen screen, string question, string? hint, List<(string Value, string Label)> options, string? answer, string? error, SurveyText text)
    {
        var field = screen.Field;
        var describedBy = new List<string>();
        if (hint is not null)
        {
            describedBy.Add(field + "-hint");
        }

        if (error is not null)
        {
            describedBy.Add(field + "-error");
        }

        html.Append("<div class=\"field").Append(error is null ? "" : " field-error").Append("\"><fieldset");
        if (describedBy.Count > 0)
        {
            html.Append(" aria-describedby=\"").Append(string.Join(' ', describedBy)).Append('"');
        }

        html.Append("><legend><h1 class=\"heading question\" tabindex=\"-1\">").Append(Caption(screen)).Append(E(question));
        if (!screen.Required)
        {
            html.Append(" <span class=\"optional\">").Append(E(text.Optional)).Append("</span>");
        }

        html.Append("</h1></legend>");
        if (hint is not null)
        {
            html.Append("<p class=\"hint\" id=\"").Append(field).Append("-hint\">").Append(E(hint)).Append("</p>");
        }

        FieldError(html, field, error);
        html.Append("<div class=\"options\">");
        for (var i = 0; i < options.Count; i++)
        {
            var (value, label) = options[i];
            var id = i == 0 ? field : $"{field}-{i + 1}";
            var separate = value == Core.Collection.SubmissionRules.NotApplicable || (screen.Kind == ScreenKind.Demographic && value.Length == 0);
            html.Append("<div class=\"option").Append(separate ? " option-apart" : "").Append("\"><input type=\"radio\" id=\"").Append(id)
                .Append("\" name=\"").Append(field).Append("\" value=\"").Append(E(value)).Append('"')
                .Append(answer is not null && answer == value ? " checked" : "").Append("><label for=\"").Append(id).Append("\">")
                .Append(E(label)).Append("</label></div>");
        }

        html.Append("</div></fieldset></div>");
    }

    private static void Comment(StringBuilder html, Screen screen, string? answer, string? error, SurveyText text)
    {
        var (field, item) = (screen.Field, screen.Item!);
        html.Append("<div class=\"field").Append(error is null ? "" : " field-error").Append("\">")
            .Append("<h1 class=\"heading question\" tabindex=\"-1\"><label for=\"").Append(field).Append("\">").Append(Caption(screen)).Append(E(item.Text))
            .Append(" <span class=\"optional\">").Append(E(text.Optional)).Append("</span></label></h1>")
            .Append("<p class=\"hint\" id=\"").Append(field).Append("-hint\">").Append(E(text.CommentHint));
        if (item.MaxLength is { } max)
        {
            html.Append(' ').Append(E(text.Format(text.CommentLimit, max)));
        }

        html.Append("</p>");
        FieldError(html, field, error);
        html.Append("<textarea id=\"").Append(field).Append("\" name=\"").Append(field).Append("\" rows=\"6\"")
            .Append(" aria-describedby=\"").Append(field).Append("-hint").Append(error is null ? "" : $" {field}-error").Append('"');
        if (item.MaxLength is { } length)
        {
            html.Append(" maxlength=\"").Append(length).Append('"');
        }

        html.Append('>').Append(E(answer ?? "")).Append("</textarea></div>");
    }

    private static string Caption(Screen screen) =>
        screen.Section is { } section ? $"<span class=\"caption\">{E(section.Title)}</span>" : "";

    private static void FieldError(StringBuilder html, string field, string? error)
    {
        if (error is not null)
        {
            html.Append("<p class=\"error-message\" id=\"").Append(field).Append("-error\"><span class=\"visually-hidden\">Error: </span>")
                .Append(E(error)).Append("</p>");
        }
    }

    private static string ErrorSummary(SurveyText text, IReadOnlyList<(string Href, string Message)> errors, bool autofocus)
    {
        var html = new StringBuilder("<div class=\"error-summary\" tabindex=\"-1\"");
        html.Append(autofocus ? " autofocus" : "").Append("><div role=\"alert\"><h2 class=\"error-summary-title\">").Append(E(text.ErrorSummaryHeading))
            .Append("</h2><ul class=\"error-summary-list\">");
        foreach (var (href, message) in errors)
        {
            html.Append("<li><a href=\"").Append(E(href)).Append("\">").Append(E(message)).Append("</a></li>");
        }

        return html.Append("</ul></div></div>").ToString();
    }

    private static string Section(string id, string heading, string body, bool hidden) =>
        $"<section class=\"screen\" id=\"{id}\"{(hidden ? " hidden" : "")}><h1 class=\"heading\" tabindex=\"-1\">{E(heading)}</h1><p>{E(body)}</p></section>";

    private static string Button(string value, string label, string style) =>
        $"<button type=\"submit\" name=\"go\" value=\"{value}\" class=\"button {style}\">{E(label)}</button>";

    private static string Anchor(Screen screen) => "#" + screen.Field;

    private static (int Number, int Total) Position(Screen screen, IReadOnlyList<Screen> visible)
    {
        var questions = visible.Where(s => s.IsQuestion).ToList();
        var index = questions.FindIndex(s => s.Id == screen.Id);
        return (index < 0 ? 1 : index + 1, Math.Max(questions.Count, 1));
    }

    private static string ProgressText(SurveyText text, Screen screen, IReadOnlyList<Screen> visible)
    {
        var (number, total) = Position(screen, visible);
        return text.Format(text.Progress, number, total);
    }

    private static string Action(SurveyPage page) => "/s/" + Uri.EscapeDataString(page.Code);

    internal static string E(string value) => Encoder.Encode(value);
}
