using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;
using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Collectors;

/// <summary>
/// Live response rates (counts and percentages of headcount, read during fieldwork too) and the comments of every
/// unit: their numbers only, that is how many comments each question received in a unit and below it.
/// </summary>
public static class RatesAndCommentsCollector
{
    public static async Task RatesAsync(Publication publication, Wave wave)
    {
        var json = await publication.JsonAsync($"/api/campaigns/{wave.Id}/response-rates");
        if (json is null)
        {
            return;
        }

        var truth = publication.Model.Truth;
        publication.Add(json.One(json.Root["scoreThreshold"]!, "scoreThreshold", new Fixed("the threshold", wave.Threshold)));
        if (json.Root["roundedTo"] is { } roundedTo)
        {
            publication.Add(json.One(roundedTo, "roundedTo", new Fixed("the rounding of live counts", Math.Max(5, wave.Threshold))));
        }

        foreach (var row in json.Root["units"]!.AsArray())
        {
            var unit = truth.UnitByCode(row!["unit"]!.GetValue<string>());
            publication.Add(json.UnitRow(row, $"units[{unit.Code}]", truth, wave, unit));
        }

        publication.Finish(json);
    }

    /// <summary>The comments of the organisation and of every unit, as counts per question.</summary>
    public static async Task CommentsAsync(Publication publication, Wave wave)
    {
        var truth = publication.Model.Truth;
        var questions = wave.Instruments.SelectMany(i => i.Items.Where(item => item.Type == ItemType.Text).Select(item => (Instrument: i.Id, Item: item.Id))).ToList();
        foreach (var unit in truth.Units.Values.OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            var json = await publication.JsonAsync($"/api/campaigns/{wave.Id}/comments?unit={Uri.EscapeDataString(unit.Code)}");
            if (json is null)
            {
                continue;
            }

            publication.Add(json.One(json.Root["commentThreshold"]!, "commentThreshold", new Fixed("the comment threshold", wave.CommentThreshold)));
            publication.Add(json.Count(json.Root["respondents"], "respondents", Population.Unit(wave.Id, unit.Id), wave.Threshold));
            if (json.Root["shown"]!.GetValue<bool>())
            {
                var comments = json.Root["comments"]!.AsArray();
                foreach (var (instrument, item) in questions)
                {
                    var count = comments.Count(c => c!["instrument"]!.GetValue<string>() == instrument && c["item"]!.GetValue<string>() == item);
                    publication.Add(new Figure($"{json.Source} comments on {item}", count, new CommentCount(wave.Id, unit.Id, instrument, item)));
                }
            }

            publication.Finish(json);
        }
    }
}
