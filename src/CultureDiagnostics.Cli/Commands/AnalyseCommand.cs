using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CultureDiagnostics.Cli.Input;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Cli.Commands;

/// <summary><c>culture analyse FILE.csv --group COLUMN --items q1,q2 --scale 1..7 --reverse q1 [--format json|table]</c></summary>
public static class AnalyseCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "CSV of responses: one row per respondent, empty cell = missing." };
        var group = new Option<string>("--group") { Description = "Column naming each respondent's team or unit.", Required = true };
        var items = new Option<string>("--items") { Description = "Comma-separated item columns of the scale.", Required = true };
        var scale = new Option<string>("--scale") { Description = "Response scale as MIN..MAX.", DefaultValueFactory = _ => "1..7" };
        var reverse = new Option<string>("--reverse") { Description = "Comma-separated reverse-keyed items." };
        var format = new Option<string>("--format") { Description = "json or table.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("json", "table");

        var command = new Command("analyse", "Reliability, item, team and agreement statistics for one scale.")
        {
            file, group, items, scale, reverse, format,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            try
            {
                var data = Load(
                    parseResult.GetValue(file)!,
                    parseResult.GetValue(group)!,
                    SplitList(parseResult.GetValue(items)),
                    parseResult.GetValue(scale)!,
                    SplitList(parseResult.GetValue(reverse)));
                var result = ScaleAnalysis.Analyse(data);
                output.WriteLine(parseResult.GetValue(format) == "json" ? AnalyseOutput.Json(result) : AnalyseOutput.Table(result));
                return 0;
            }
            catch (InputException e)
            {
                parseResult.InvocationConfiguration.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }

    private static string[] SplitList(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (int Min, int Max) ParseScale(string text)
    {
        var parts = text.Split("..");
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var min)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var max)
            && max > min)
        {
            return (min, max);
        }

        throw new InputException($"--scale '{text}' is not MIN..MAX with MIN < MAX, e.g. 1..7.");
    }

    private static ScaleDataSet Load(string path, string groupColumn, string[] itemIds, string scaleText, string[] reversedIds)
    {
        var (min, max) = ParseScale(scaleText);
        if (itemIds.Length == 0)
        {
            throw new InputException("--items names no columns.");
        }

        foreach (var id in reversedIds.Where(r => !itemIds.Contains(r)))
        {
            throw new InputException($"--reverse names '{id}', which is not in --items.");
        }

        var table = CsvTable.Read(path);
        var groupIndex = table.Column(groupColumn);
        var itemColumns = itemIds.Select(table.Column).ToArray();
        var labels = new List<string>();
        var rawGroups = new string[table.Rows.Count];
        var answers = new double[table.Rows.Count * itemIds.Length];
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var (line, cells) = table.Rows[r];
            rawGroups[r] = cells[groupIndex].Trim();
            if (rawGroups[r].Length == 0)
            {
                throw new InputException($"{path}: row {line}, column '{groupColumn}': the group is empty.");
            }

            for (var i = 0; i < itemColumns.Length; i++)
            {
                var value = table.Number(line, cells, itemColumns[i]);
                if (!double.IsNaN(value) && (value < min || value > max || value != Math.Floor(value)))
                {
                    throw new InputException($"{path}: row {line}, column '{itemIds[i]}': {value.ToString(CultureInfo.InvariantCulture)} is not a point of the {min}..{max} scale.");
                }

                answers[(r * itemIds.Length) + i] = value;
            }
        }

        labels.AddRange(OrderLabels(rawGroups.Distinct()));
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        return new ScaleDataSet(
            itemIds,
            min,
            max,
            itemIds.Select(reversedIds.Contains).ToArray(),
            labels,
            rawGroups.Select(g => index[g]).ToArray(),
            answers);
    }

    // Numeric team codes sort as numbers (2 before 10); anything else sorts as text.
    private static IEnumerable<string> OrderLabels(IEnumerable<string> labels)
    {
        var list = labels.ToList();
        return list.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            ? list.OrderBy(l => double.Parse(l, CultureInfo.InvariantCulture))
            : list.Order(StringComparer.Ordinal);
    }
}
