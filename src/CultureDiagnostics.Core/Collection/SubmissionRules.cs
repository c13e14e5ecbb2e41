using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Core.Collection;

/// <summary>
/// Checks a submission against the campaign's instruments. Every problem is reported under the
/// JSON path of the field that caused it, so a client can show each one beside its question.
/// </summary>
public static class SubmissionRules
{
    /// <summary>The answer a respondent gives for "not applicable" on scales that offer it.</summary>
    public const string NotApplicable = "na";

    public const int MaxEntries = 1000;

    public static (AcceptedSubmission? Accepted, Dictionary<string, string[]> Errors) Check(
        Submission submission, IReadOnlyList<Instrument> instruments)
    {
        var errors = new ErrorBag();
        if (submission.Answers.Count > MaxEntries || submission.Comments.Count > MaxEntries || submission.Demographics.Count > MaxEntries)
        {
            errors.Add("answers", $"A response can have at most {MaxEntries} answers, comments and demographic answers each.");
            return (null, errors.ToDictionary());
        }

        var byId = instruments.ToDictionary(i => i.Id);
        var answers = CheckAnswers(submission.Answers, byId, errors);
        CheckRequiredAndConditions(instruments, answers, errors);
        var comments = CheckComments(submission.Comments, byId, errors);
        var demographics = CheckDemographics(submission.Demographics, instruments, errors);

        return errors.IsEmpty
            ? (new AcceptedSubmission(answers.Values.ToList(), comments, demographics), errors.ToDictionary())
            : (null, errors.ToDictionary());
    }

    private static Dictionary<(string, string), AcceptedAnswer> CheckAnswers(
        IReadOnlyList<SubmittedAnswer> submitted, Dictionary<string, Instrument> instruments, ErrorBag errors)
    {
        var accepted = new Dictionary<(string, string), AcceptedAnswer>();
        for (var i = 0; i < submitted.Count; i++)
        {
            var path = $"answers[{i}]";
            var answer = submitted[i];
            if (ResolveItem(answer.Instrument, answer.Item, path, instruments, errors) is not var (instrument, item))
            {
                continue;
            }

            if (accepted.ContainsKey((instrument.Id, item.Id)))
            {
                errors.Add($"{path}.item", $"The question '{item.Id}' is answered more than once.");
                continue;
            }

            var checkedAnswer = item.Type switch
            {
                ItemType.Scale => CheckScaleValue(instrument, item, answer.Value, $"{path}.value", errors),
                ItemType.Choice => CheckChoiceValue(instrument, item, answer.Value, $"{path}.value", errors),
                _ => Reject(errors, $"{path}.item", $"The question '{item.Id}' is a free-text question: send it in 'comments'."),
            };
            if (checkedAnswer is not null)
            {
                accepted[(instrument.Id, item.Id)] = checkedAnswer;
            }
        }

        return accepted;
    }

    private static (Instrument, Item)? ResolveItem(
        string? instrumentId, string? itemId, string path, Dictionary<string, Instrument> instruments, ErrorBag errors)
    {
        if (string.IsNullOrEmpty(instrumentId))
        {
            errors.Add($"{path}.instrument", "The instrument is required.");
            return null;
        }

        if (!instruments.TryGetValue(instrumentId, out var instrument))
        {
            errors.Add($"{path}.instrument", $"The instrument '{instrumentId}' is not part of this survey.");
            return null;
        }

        if (string.IsNullOrEmpty(itemId))
        {
            errors.Add($"{path}.item", "The question id is required.");
            return null;
        }

        if (instrument.FindItem(itemId) is not { } item)
        {
            errors.Add($"{path}.item", $"The question '{itemId}' is not part of the instrument '{instrumentId}'.");
            return null;
        }

        return (instrument, item);
    }

    private static AcceptedAnswer? CheckScaleValue(Instrument instrument, Item item, SubmittedValue? value, string path, ErrorBag errors)
    {
        var scale = instrument.FindScale(item.Scale!)!;
        var expected = scale.AllowsNotApplicable
            ? $"a whole number from {scale.Min} to {scale.Max}, or \"{NotApplicable}\" for not applicable"
            : $"a whole number from {scale.Min} to {scale.Max}";
        switch (value)
        {
            case SubmittedValue.Number { Value: var number } when number == decimal.Truncate(number) && number >= scale.Min && number <= scale.Max:
                return new AcceptedAnswer(instrument.Id, item.Id, (int)number, null, false);
            case SubmittedValue.Text { Value: NotApplicable } when scale.AllowsNotApplicable:
                return new AcceptedAnswer(instrument.Id, item.Id, null, null, true);
            case null:
                return Reject(errors, path, $"The answer is required: {expected}.");
            default:
                return Reject(errors, path, $"The answer to '{item.Id}' must be {expected}.");
        }
    }

    private static AcceptedAnswer? CheckChoiceValue(Instrument instrument, Item item, SubmittedValue? value, string path, ErrorBag errors)
    {
        if (value is SubmittedValue.Text { Value: var text } && item.Options.Any(o => o.Value == text))
        {
            return new AcceptedAnswer(instrument.Id, item.Id, null, text, false);
        }

        var options = string.Join(", ", item.Options.Select(o => $"\"{o.Value}\""));
        return Reject(errors, path, $"The answer to '{item.Id}' must be one of {options}.");
    }

    private static void CheckRequiredAndConditions(
        IReadOnlyList<Instrument> instruments, Dictionary<(string, string), AcceptedAnswer> answers, ErrorBag errors)
    {
        foreach (var instrument in instruments)
        {
            foreach (var section in instrument.Sections)
            {
                var shown = section.Condition is not { } condition
                    || (answers.TryGetValue((instrument.Id, condition.Item), out var gate) && gate.Choice == condition.Value);
                foreach (var item in section.Items.Where(i => i.Type != ItemType.Text))
                {
                    var answered = answers.ContainsKey((instrument.Id, item.Id));
                    if (!shown && answered)
                    {
                        errors.Add($"answers[{instrument.Id}/{item.Id}]",
                            $"The question '{item.Id}' is only asked when '{section.Condition!.Item}' is \"{section.Condition.Value}\".");
                    }
                    else if (shown && item.Required && !answered)
                    {
                        errors.Add($"answers[{instrument.Id}/{item.Id}]", $"The question '{item.Id}' of '{instrument.Id}' must be answered.");
                    }
                }
            }
        }
    }

    private static List<AcceptedComment> CheckComments(
        IReadOnlyList<SubmittedComment> submitted, Dictionary<string, Instrument> instruments, ErrorBag errors)
    {
        var accepted = new List<AcceptedComment>();
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < submitted.Count; i++)
        {
            var path = $"comments[{i}]";
            var comment = submitted[i];
            if (ResolveItem(comment.Instrument, comment.Item, path, instruments, errors) is not var (instrument, item))
            {
                continue;
            }

            if (item.Type != ItemType.Text)
            {
                errors.Add($"{path}.item", $"The question '{item.Id}' is not a free-text question: send it in 'answers'.");
            }
            else if (!seen.Add((instrument.Id, item.Id)))
            {
                errors.Add($"{path}.item", $"The question '{item.Id}' is answered more than once.");
            }
            else if (comment.Text is null)
            {
                errors.Add($"{path}.text", "The comment text is required (leave the comment out to skip it).");
            }
            else if (comment.Text.Length > (item.MaxLength ?? int.MaxValue))
            {
                errors.Add($"{path}.text", $"The comment must be at most {item.MaxLength} characters.");
            }
            else if (!string.IsNullOrWhiteSpace(comment.Text))
            {
                // Redacted before it is ever stored: what identifies people never reaches the database.
                accepted.Add(new AcceptedComment(instrument.Id, item.Id, Redaction.Redact(comment.Text.Trim())));
            }
        }

        return accepted;
    }

    private static List<AcceptedDemographic> CheckDemographics(
        IReadOnlyList<SubmittedDemographic> submitted, IReadOnlyList<Instrument> instruments, ErrorBag errors)
    {
        var questions = instruments.SelectMany(i => i.Demographics).GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First());
        var accepted = new List<AcceptedDemographic>();
        var seen = new HashSet<string>();
        for (var i = 0; i < submitted.Count; i++)
        {
            var path = $"demographics[{i}]";
            var (questionId, value) = (submitted[i].Question, submitted[i].Value);
            if (string.IsNullOrEmpty(questionId) || !questions.TryGetValue(questionId, out var question))
            {
                errors.Add($"{path}.question", questionId is null ? "The question id is required." : $"The demographic question '{questionId}' is not part of this survey.");
            }
            else if (!seen.Add(question.Id))
            {
                errors.Add($"{path}.question", $"The demographic question '{question.Id}' is answered more than once.");
            }
            else if (value is null)
            {
                continue; // Declined: nothing is stored.
            }
            else if (question.Options.All(o => o.Value != value))
            {
                var options = string.Join(", ", question.Options.Select(o => $"\"{o.Value}\""));
                errors.Add($"{path}.value", $"The answer to '{question.Id}' must be one of {options}, or left out to decline.");
            }
            else
            {
                accepted.Add(new AcceptedDemographic(question.Id, value));
            }
        }

        return accepted;
    }

    private static AcceptedAnswer? Reject(ErrorBag errors, string path, string message)
    {
        errors.Add(path, message);
        return null;
    }

    private sealed class ErrorBag
    {
        private readonly Dictionary<string, List<string>> _errors = [];

        public bool IsEmpty => _errors.Count == 0;

        public void Add(string key, string message)
        {
            if (!_errors.TryGetValue(key, out var list))
            {
                _errors[key] = list = [];
            }

            list.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }
}
