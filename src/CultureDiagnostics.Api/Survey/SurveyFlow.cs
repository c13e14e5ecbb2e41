using System.Globalization;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Api.Survey;

public enum ScreenKind
{
    Intro,
    Scale,
    Choice,
    Text,
    Demographic,
    Review,
}

/// <summary>
/// One screen of the survey: a single question (never a grid), or the first page, or the page
/// before sending. <see cref="Id"/> is how the progress state and the pages' hidden fields name it.
/// </summary>
public sealed record Screen(string Id, ScreenKind Kind, Instrument? Instrument, Section? Section, Item? Item, DemographicQuestion? Demographic)
{
    public const string IntroId = "intro";
    public const string ReviewId = "review";

    public bool IsQuestion => Kind is not (ScreenKind.Intro or ScreenKind.Review);

    /// <summary>The form field's name and the HTML id stem: letters, digits and hyphens only.</summary>
    public string Field => Kind == ScreenKind.Demographic ? $"demo--{Demographic!.Id}" : $"{Instrument!.Id}--{Item!.Id}";

    public bool Required => Item is { Required: true, Type: not ItemType.Text };
}

/// <summary>
/// The order of screens for a campaign's instruments, and the mapping between the answers so far
/// and a <see cref="Submission"/> that <see cref="SubmissionRules"/> checks. No rule is decided here.
/// </summary>
public sealed class SurveyFlow
{
    public SurveyFlow(IReadOnlyList<Instrument> instruments)
    {
        Instruments = instruments;
        var screens = new List<Screen> { new(Screen.IntroId, ScreenKind.Intro, null, null, null, null) };
        foreach (var instrument in instruments)
        {
            foreach (var section in instrument.Sections)
            {
                screens.AddRange(section.Items.Select(item => new Screen(
                    $"{instrument.Id}/{item.Id}",
                    item.Type switch { ItemType.Scale => ScreenKind.Scale, ItemType.Choice => ScreenKind.Choice, _ => ScreenKind.Text },
                    instrument, section, item, null)));
            }
        }

        // A demographic question shared by several instruments is asked once, as the rules expect.
        screens.AddRange(instruments.SelectMany(i => i.Demographics).DistinctBy(d => d.Id)
            .Select(d => new Screen($"demographics/{d.Id}", ScreenKind.Demographic, null, null, null, d)));
        screens.Add(new Screen(Screen.ReviewId, ScreenKind.Review, null, null, null, null));
        All = screens;
    }

    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>Every screen, conditional ones included (the pages carry them all for the device to page through).</summary>
    public IReadOnlyList<Screen> All { get; }

    public Screen? Find(string? id) => All.FirstOrDefault(s => s.Id == id);

    /// <summary>The screens this respondent sees: a conditional section only when its gate has the matching answer.</summary>
    public IReadOnlyList<Screen> Visible(IReadOnlyDictionary<string, string> answers) =>
        All.Where(s => s.Section?.Condition is not { } condition
            || (answers.TryGetValue($"{s.Instrument!.Id}/{condition.Item}", out var gate) && gate == condition.Value)).ToList();

    /// <summary>"Question <c>Number</c> of <c>Total</c>" for <paramref name="screen"/> among the questions this respondent sees.</summary>
    public static (int Number, int Total) Position(Screen screen, IReadOnlyList<Screen> visible)
    {
        var questions = visible.Where(s => s.IsQuestion).ToList();
        var index = questions.FindIndex(s => s.Id == screen.Id);
        return (index < 0 ? 1 : index + 1, Math.Max(questions.Count, 1));
    }

    public static string? ConditionKey(Screen screen) =>
        screen.Section?.Condition is { } condition ? $"{screen.Instrument!.Id}/{condition.Item}" : null;

    /// <summary>
    /// The submission the answers so far make, and which screen each of its entries came from, so the
    /// rules' error paths (answers[3].value, answers[instrument/item]) can be shown beside the question.
    /// </summary>
    public (Submission Submission, Func<string, string?> ScreenOfError) ToSubmission(IReadOnlyDictionary<string, string> answers)
    {
        var (scored, comments, demographics) = (new List<SubmittedAnswer>(), new List<SubmittedComment>(), new List<SubmittedDemographic>());
        var (scoredFrom, commentsFrom, demographicsFrom) = (new List<string>(), new List<string>(), new List<string>());
        foreach (var screen in Visible(answers))
        {
            if (!answers.TryGetValue(screen.Id, out var value) || string.IsNullOrEmpty(value))
            {
                continue;
            }

            switch (screen.Kind)
            {
                case ScreenKind.Scale:
                    scored.Add(new SubmittedAnswer(screen.Instrument!.Id, screen.Item!.Id,
                        decimal.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                            ? new SubmittedValue.Number(number)
                            : new SubmittedValue.Text(value)));
                    scoredFrom.Add(screen.Id);
                    break;
                case ScreenKind.Choice:
                    scored.Add(new SubmittedAnswer(screen.Instrument!.Id, screen.Item!.Id, new SubmittedValue.Text(value)));
                    scoredFrom.Add(screen.Id);
                    break;
                case ScreenKind.Text when !string.IsNullOrWhiteSpace(value):
                    comments.Add(new SubmittedComment(screen.Instrument!.Id, screen.Item!.Id, value));
                    commentsFrom.Add(screen.Id);
                    break;
                case ScreenKind.Demographic:
                    demographics.Add(new SubmittedDemographic(screen.Demographic!.Id, value));
                    demographicsFrom.Add(screen.Id);
                    break;
            }
        }

        string? ScreenOfError(string path)
        {
            var bracket = path.IndexOf('[', StringComparison.Ordinal);
            var close = path.IndexOf(']', StringComparison.Ordinal);
            if (bracket < 0 || close < bracket)
            {
                return null;
            }

            var (list, inside) = (path[..bracket], path[(bracket + 1)..close]);
            if (!int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return list == "answers" ? inside : null; // answers[instrument/item]: a missing or out-of-place answer
            }

            var from = list switch { "answers" => scoredFrom, "comments" => commentsFrom, "demographics" => demographicsFrom, _ => [] };
            return index < from.Count ? from[index] : null;
        }

        return (new Submission(scored, comments, demographics), ScreenOfError);
    }
}
