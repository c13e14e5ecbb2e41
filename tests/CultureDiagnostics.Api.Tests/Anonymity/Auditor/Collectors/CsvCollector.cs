using System.Globalization;
using CsvHelper;
using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Collectors;

/// <summary>results.csv: one row per unit, its respondents and rate, then each scale's n, mean, interval and favourable share (rounded to 4 places).</summary>
public static class CsvCollector
{
    private static readonly Dictionary<string, (string Path, bool Integer)> ScaleColumns = new(StringComparer.Ordinal)
    {
        ["n"] = ("scaleScore.n", true),
        ["mean"] = ("scaleScore.mean", false),
        ["ci95_low"] = ("scaleScore.ci95.low", false),
        ["ci95_high"] = ("scaleScore.ci95.high", false),
        ["favourable_share"] = ("favourable.share", false),
    };

    /// <summary>
    /// A column of the unit rows shared by results.csv and the workbook's Data sheet ("respondents", "x/y/mean"...),
    /// or null when the column is unknown; <paramref name="decimals"/> is the rounding of the scale figures.
    /// </summary>
    public static (Meaning Meaning, int? Decimals)? UnitColumn(Publication publication, Wave wave, TreeUnit unit, string header, int? decimals)
    {
        switch (header)
        {
            case "respondents":
                return (new Count(Population.Unit(wave.Id, unit.Id)), null);
            case "response_rate_percent":
                return (new RatePercent(Population.Unit(wave.Id, unit.Id), publication.Model.Truth.HeadcountOf(wave.Id, unit.Id)!.Value), null);
        }

        var parts = header.Split('/');
        if (parts.Length != 3 || !ScaleColumns.TryGetValue(parts[2], out var column))
        {
            return null;
        }

        var scale = publication.Model.Scale(wave.Id, parts[0], parts[1]);
        return (Shapes.Cell(wave.Id, unit.Id, scale).Single(f => f.Path == column.Path).Meaning, column.Integer ? null : decimals);
    }

    public static async Task CollectAsync(Publication publication, Wave wave)
    {
        var url = $"/api/campaigns/{wave.Id}/results.csv";
        if (await publication.ReadAsync(url) is not { } response)
        {
            return;
        }

        var truth = publication.Model.Truth;
        using var reader = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        await reader.ReadAsync();
        reader.ReadHeader();
        var headers = reader.HeaderRecord!;
        while (await reader.ReadAsync())
        {
            var unit = truth.UnitByCode(reader.GetField("unit")!);
            for (var c = 3; c < headers.Length; c++)
            {
                var text = reader.GetField(c)!;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    Assert.True(text.Length == 0 || text == "withheld" || text == $"fewer than {wave.Threshold}", $"GET {url} {unit.Code}.{headers[c]}: '{text}'");
                    continue;
                }

                var where = $"GET {url} {unit.Code}.{headers[c]}";
                if (UnitColumn(publication, wave, unit, headers[c], 4) is { } meaning)
                {
                    publication.Add(new Figure(where, value, meaning.Meaning, meaning.Decimals));
                }
                else
                {
                    publication.Unmapped.Add($"{where} = {text}");
                }
            }
        }
    }
}
