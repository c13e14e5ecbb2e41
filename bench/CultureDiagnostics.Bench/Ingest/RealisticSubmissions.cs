using System.Text;
using System.Text.Json;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Bench.Ingest;

/// <summary>One respondent's answers, ready to send: the JSON body around the idempotency key, and the same submission for the store.</summary>
public sealed record RealisticSubmission(IngestTarget Target, byte[] BeforeKey, byte[] AfterKey, Submission Submission)
{
    public byte[] Body(string idempotencyKey)
    {
        var key = Encoding.ASCII.GetBytes(idempotencyKey);
        var body = new byte[BeforeKey.Length + key.Length + AfterKey.Length];
        BeforeKey.CopyTo(body, 0);
        key.CopyTo(body, BeforeKey.Length);
        AfterKey.CopyTo(body, BeforeKey.Length + key.Length);
        return body;
    }
}

/// <summary>
/// Valid, realistic responses to the real instruments: each respondent has a leaning and answers every
/// question around it, says "not applicable" now and then where the scale offers it, leads others a
/// quarter of the time (and then answers the leaders' section), answers the demographic questions
/// most of the time, and leaves a comment on some free-text questions.
/// </summary>
public sealed class RealisticSubmissions(InstrumentCatalogue catalogue)
{
    private static readonly string[] Sentences =
    [
        "Handovers on the late shift are rushed and things get missed.",
        "Our ward manager listens and acts on what we raise at huddles.",
        "We rarely have time to stop and review how the week went.",
        "New starters are welcomed and supported by the whole team.",
        "Staffing shortages make it hard to take breaks, which affects how we treat each other.",
    ];

    public RealisticSubmission Next(Random random, IngestTarget target)
    {
        var person = Normal(random) * 0.6;
        var answers = new List<SubmittedAnswer>();
        var comments = new List<SubmittedComment>();
        var instruments = target.Instruments.Select(id => catalogue.Latest(id)!).ToList();
        foreach (var instrument in instruments)
        {
            var choices = new Dictionary<string, string>();
            foreach (var section in instrument.Sections)
            {
                if (section.Condition is { } condition && (!choices.TryGetValue(condition.Item, out var chosen) || chosen != condition.Value))
                {
                    continue;
                }

                foreach (var item in section.Items)
                {
                    switch (item.Type)
                    {
                        case ItemType.Choice:
                            var option = item.Options[random.NextDouble() < 0.25 ? 0 : Math.Min(1, item.Options.Count - 1)].Value;
                            choices[item.Id] = option;
                            answers.Add(new(instrument.Id, item.Id, new SubmittedValue.Text(option)));
                            break;
                        case ItemType.Scale:
                            var scale = instrument.FindScale(item.Scale!)!;
                            answers.Add(new(instrument.Id, item.Id, scale.AllowsNotApplicable && random.NextDouble() < 0.03
                                ? new SubmittedValue.Text(SubmissionRules.NotApplicable)
                                : new SubmittedValue.Number(ScaleValue(random, scale, person))));
                            break;
                        case ItemType.Text when random.NextDouble() < 0.15:
                            var text = Sentences[random.Next(Sentences.Length)];
                            comments.Add(new(instrument.Id, item.Id, item.MaxLength is { } max && text.Length > max ? text[..max] : text));
                            break;
                    }
                }
            }
        }

        var demographics = instruments.SelectMany(i => i.Demographics).DistinctBy(d => d.Id)
            .Where(_ => random.NextDouble() < 0.8)
            .Select(d => new SubmittedDemographic(d.Id, d.Options[random.Next(d.Options.Count)].Value))
            .ToList();
        var submission = new Submission(answers, comments, demographics);
        var (before, after) = Json(target.AccessCode, submission);
        return new RealisticSubmission(target, before, after, submission);
    }

    /// <summary>A point on the scale around the respondent's leaning (in quarter-ranges from the middle).</summary>
    internal static int ScaleValue(Random random, ResponseScale scale, double person)
    {
        var middle = (scale.Min + scale.Max) / 2.0;
        var spread = (scale.Max - scale.Min) / 4.0;
        return (int)Math.Clamp(Math.Round(middle + (person * spread) + (Normal(random) * spread * 0.7)), scale.Min, scale.Max);
    }

    /// <summary>The body of POST /api/responses with the idempotency key last, split where the key goes.</summary>
    private static (byte[] Before, byte[] After) Json(string accessCode, Submission submission)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("accessCode", accessCode);
            WriteArray(json, "answers", submission.Answers, (j, answer) =>
            {
                j.WriteString("instrument", answer.Instrument);
                j.WriteString("item", answer.Item);
                if (answer.Value is SubmittedValue.Number number)
                {
                    j.WriteNumber("value", number.Value);
                }
                else if (answer.Value is SubmittedValue.Text text)
                {
                    j.WriteString("value", text.Value);
                }
            });
            WriteArray(json, "comments", submission.Comments, (j, comment) =>
            {
                j.WriteString("instrument", comment.Instrument);
                j.WriteString("item", comment.Item);
                j.WriteString("text", comment.Text);
            });
            WriteArray(json, "demographics", submission.Demographics, (j, demographic) =>
            {
                j.WriteString("question", demographic.Question);
                j.WriteString("value", demographic.Value);
            });
            json.WriteString("idempotencyKey", "");
            json.WriteEndObject();
        }

        var body = buffer.ToArray();
        // The key goes between the quotes of the empty "idempotencyKey" value that ends the object.
        var split = body.Length - 2;
        return (body[..split], body[split..]);
    }

    private static void WriteArray<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            write(json, item);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    internal static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
