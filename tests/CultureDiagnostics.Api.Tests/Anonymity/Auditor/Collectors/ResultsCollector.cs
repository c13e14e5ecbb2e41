using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Collectors;

/// <summary>
/// The results API of a closed campaign: the organisation summary (scales with reliability and statistics across
/// teams) and heatmap, every unit's drill-down (items, agreement, comparisons), and every demographic breakdown.
/// </summary>
public static class ResultsCollector
{
    /// <summary>Collects the campaign's results, drill-downs and breakdowns (nothing while they are not published).</summary>
    public static async Task CollectAsync(Publication publication, Wave wave)
    {
        var json = await publication.JsonAsync($"/api/campaigns/{wave.Id}/results");
        if (json is null)
        {
            return;
        }

        var truth = publication.Model.Truth;
        var root = json.Root;
        publication.Add(json.One(root["scoreThreshold"]!, "scoreThreshold", new Fixed("the threshold", wave.Threshold)));
        publication.Add(json.Count(root["respondents"], "respondents", Population.Unit(wave.Id, truth.Root.Id), wave.Threshold));
        var heatmap = root["heatmap"]!.AsArray();
        var scales = root["scales"]!.AsArray();
        for (var j = 0; j < scales.Count; j++)
        {
            var scale = scales[j]!;
            var info = ScaleOf(publication.Model, wave, scale);
            var where = $"scales[{info.Key}]";
            var instrument = wave.Instruments.Single(i => i.Id == info.Instrument);
            publication.Add(json.One(scale["instrumentVersion"]!, $"{where}.instrumentVersion", new Fixed("the instrument's version", instrument.Version)));
            publication.Add(json.One(scale["scaleMin"]!, $"{where}.scaleMin", new Fixed("the scale's lowest point", info.Min)));
            publication.Add(json.One(scale["scaleMax"]!, $"{where}.scaleMax", new Fixed("the scale's highest point", info.Max)));
            publication.Add(Cell(json, scale["organisation"]!, $"{where}.organisation", wave, truth.Root.Id, info));
            publication.Add(json.Take(scale["reliability"], $"{where}.reliability", Shapes.Reliability(wave.Id, info)));
            var shown = heatmap.Where(row => row!["cells"]![j]!["suppressed"]!.GetValue<bool>() == false)
                .Select(row => truth.UnitByCode(row!["unit"]!.GetValue<string>()).Id).ToList();
            publication.Add(json.Take(scale["teamLevel"], $"{where}.teamLevel", Shapes.TeamLevel(wave.Id, info, shown)));
        }

        foreach (var row in heatmap)
        {
            var unit = truth.UnitByCode(row!["unit"]!.GetValue<string>());
            var where = $"heatmap[{unit.Code}]";
            publication.Add(json.UnitRow(row, where, truth, wave, unit));

            foreach (var cell in row["cells"]!.AsArray())
            {
                publication.Add(Cell(json, cell!, $"{where}.cells[{cell!["construct"]}]", wave, unit.Id, ScaleOf(publication.Model, wave, cell)));
            }
        }

        publication.Finish(json);
        foreach (var row in heatmap)
        {
            await UnitAsync(publication, wave, row!["unit"]!.GetValue<string>());
        }

        foreach (var question in wave.Instruments.SelectMany(i => i.Demographics).Select(d => d.Id).Distinct())
        {
            await BreakdownAsync(publication, wave, question);
        }
    }

    /// <summary>A scale's figures for a unit (a ScaleCellResponse): nothing when suppressed but that "fewer than N" names the threshold.</summary>
    public static IEnumerable<Figure> Cell(PublishedJson json, JsonNode cell, string where, Wave wave, string unitId, ScaleInfo scale, string? question = null, string? category = null)
    {
        var figures = new List<Figure>();
        if (cell["fewerThan"] is { } fewerThan)
        {
            figures.Add(json.One(fewerThan, $"{where}.fewerThan", new Fixed("the threshold", wave.Threshold)));
        }

        if (!cell["suppressed"]!.GetValue<bool>())
        {
            figures.AddRange(json.Take(cell, where, Shapes.Cell(wave.Id, unitId, scale, question, category)));
        }

        return figures;
    }

    public static ScaleInfo ScaleOf(AuditModel model, Wave wave, JsonNode node) =>
        model.Scale(wave.Id, node["instrument"]!.GetValue<string>(), node["construct"]!.GetValue<string>());

    private static async Task UnitAsync(Publication publication, Wave wave, string code)
    {
        var json = await publication.JsonAsync($"/api/campaigns/{wave.Id}/results/units/{code}");
        if (json is null)
        {
            return;
        }

        var truth = publication.Model.Truth;
        var unit = truth.UnitByCode(code);
        publication.Add(json.Count(json.Root["respondents"], "respondents", Population.Unit(wave.Id, unit.Id), wave.Threshold));
        foreach (var scale in json.Root["scales"]!.AsArray())
        {
            var info = ScaleOf(publication.Model, wave, scale!);
            var where = $"scales[{info.Key}]";
            var scored = Population.Unit(wave.Id, unit.Id, new Condition.Scored(info));
            publication.Add(Cell(json, scale!["figures"]!, $"{where}.figures", wave, unit.Id, info));
            publication.Add(json.Take(scale["agreement"], $"{where}.agreement", Shapes.Agreement(wave.Id, unit.Id, info)));
            publication.Add(json.Take(scale["versusOrganisation"], $"{where}.versusOrganisation",
                Shapes.Difference(scored, Population.Unit(wave.Id, truth.Root.Id, new Condition.Scored(info)), info, info, againstWhole: true)));
            if (scale["versusPreviousWave"] is { } previous)
            {
                var before = truth.WaveByTitle(previous["against"]!.GetValue<string>());
                var beforeScale = publication.Model.Scale(before.Id, info.Instrument, info.Construct);
                publication.Add(json.Take(previous, $"{where}.versusPreviousWave",
                    Shapes.Difference(scored, Population.Unit(before.Id, unit.Id, new Condition.Scored(beforeScale)), info, beforeScale, againstWhole: false)));
            }

            foreach (var item in scale["items"]!.AsArray())
            {
                var index = info.IndexOf(item!["item"]!.GetValue<string>());
                var favourable = Shapes.FavourableAnswers(info, index);
                foreach (var (answer, k) in item["favourableAnswers"]!.AsArray().Select((answer, k) => (answer!, k)).Where(x => x.k < favourable.Count))
                {
                    publication.Add(json.One(answer, $"{where}.items[{info.Items[index].Id}].favourableAnswers[{k}]", favourable[k]));
                }
                if (item["fewerThan"] is { } fewerThan)
                {
                    publication.Add(json.One(fewerThan, $"{where}.items[{info.Items[index].Id}].fewerThan", new Fixed("the threshold", wave.Threshold)));
                }

                if (!item["suppressed"]!.GetValue<bool>())
                {
                    publication.Add(json.Take(item, $"{where}.items[{info.Items[index].Id}]", Shapes.Item(wave.Id, unit.Id, info, index)));
                }
            }
        }

        publication.Finish(json);
    }

    private static async Task BreakdownAsync(Publication publication, Wave wave, string question)
    {
        var json = await publication.JsonAsync($"/api/campaigns/{wave.Id}/results/breakdowns/{question}");
        if (json is null)
        {
            return;
        }

        var truth = publication.Model.Truth;
        foreach (var row in json.Root["units"]!.AsArray())
        {
            var unit = truth.UnitByCode(row!["unit"]!.GetValue<string>());
            publication.Add(json.One(row["depth"]!, $"units[{unit.Code}].depth", new Fixed("the unit's depth in the structure", truth.DepthOf(wave.Id, unit.Id))));
            foreach (var cell in row["cells"]!.AsArray())
            {
                var category = cell!["category"]!.GetValue<string>();
                var where = $"units[{unit.Code}].cells[{category}]";
                publication.Add(json.Count(cell["respondents"], $"{where}.respondents", Population.InCategory(wave.Id, unit.Id, question, category), wave.Threshold));
                foreach (var scale in cell["scales"]!.AsArray())
                {
                    var info = ScaleOf(publication.Model, wave, scale!);
                    publication.Add(Cell(json, scale!, $"{where}.scales[{info.Key}]", wave, unit.Id, info, question, category));
                }
            }
        }

        publication.Finish(json);
    }
}
