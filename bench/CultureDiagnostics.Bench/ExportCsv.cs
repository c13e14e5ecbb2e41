using System.Globalization;
using System.Text;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Results;

namespace CultureDiagnostics.Bench;

/// <summary>
/// The benchmark campaign's answers as one CSV row per respondent (team, then every item of the ten
/// leader-rated scales, reverse-scored, NA where missing) so that R analyses exactly the same data.
/// </summary>
public static class ExportCsv
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var platform = new BenchPlatform(args.Text("db"));
        var (answers, columns) = await LoadAsync(platform);
        await using var writer = new StreamWriter(args.Text("out"), false, new UTF8Encoding(false));
        await writer.WriteLineAsync("team," + string.Join(',', columns.Select(c => $"{c.Construct!.Replace('-', '_')}__{c.Id.Replace('-', '_')}")));
        var scaleItems = answers.Instrument.ScaleItems.ToList();
        var index = columns.Select(c => scaleItems.IndexOf(c)).ToArray();
        var line = new StringBuilder();
        for (var r = 0; r < answers.RespondentCount; r++)
        {
            line.Clear().Append(answers.UnitOfRespondent[r]);
            foreach (var i in index)
            {
                var x = answers.Values[(r * scaleItems.Count) + i];
                line.Append(',').Append(double.IsNaN(x) ? "NA" : (scaleItems[i].Reverse ? 6 - x : x).ToString(CultureInfo.InvariantCulture));
            }

            await writer.WriteLineAsync(line.ToString());
        }

        return 0;
    }

    /// <summary>The campaign's answers and the items rated about leaders (the self-assessment section left out).</summary>
    public static async Task<(InstrumentAnswers Answers, List<Item> Columns)> LoadAsync(BenchPlatform platform)
    {
        var campaign = (await platform.Campaigns.AllAsync())[0];
        var instrument = platform.Catalogue.Latest(BenchPlatform.InstrumentId)!;
        var (loaded, _) = await platform.Results.LoadAsync(campaign.Id, [instrument]);
        var columns = instrument.Sections.Where(s => s.Condition is null)
            .SelectMany(s => s.Items).Where(i => i.Type == ItemType.Scale).ToList();
        return (loaded[0], columns);
    }
}
