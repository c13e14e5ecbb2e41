using System.CommandLine;
using System.Text;
using CultureDiagnostics.Cli.Input;
using CultureDiagnostics.Core.Spc;

namespace CultureDiagnostics.Cli.Commands;

/// <summary><c>culture spc FILE.csv --value COLUMN [--period COLUMN] --direction increase|decrease|neutral [--target X] [--rebase-at INDEX ...] [--no-screen]</c></summary>
public static class SpcCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "CSV with one row per period, in time order." };
        var value = new Option<string>("--value") { Description = "Column holding the measure.", Required = true };
        var period = new Option<string>("--period") { Description = "Column labelling each period (echoed in the output)." };
        var direction = new Option<string>("--direction") { Description = "Which way is better: increase, decrease or neutral.", Required = true };
        direction.AcceptOnlyFromAmong("increase", "decrease", "neutral");
        var target = new Option<double?>("--target") { Description = "Target for the assurance icon." };
        var rebaseAt = new Option<int[]>("--rebase-at") { Description = "1-based row index where a new segment starts; repeatable.", AllowMultipleArgumentsPerToken = true };
        var noScreen = new Option<bool>("--no-screen") { Description = "Keep moving ranges of 3.267 × their mean or more (no outlier screening)." };
        var format = new Option<string>("--format") { Description = "json or table.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("json", "table");

        var command = new Command("spc", "XmR chart with the Making Data Count rules and target assurance.")
        {
            file, value, period, direction, target, rebaseAt, noScreen, format,
        };
        command.SetAction(parseResult =>
        {
            try
            {
                var table = CsvTable.Read(parseResult.GetValue(file)!);
                var valueColumn = table.Column(parseResult.GetValue(value)!);
                var periodName = parseResult.GetValue(period);
                var periodColumn = periodName is null ? -1 : table.Column(periodName);
                var values = new double[table.Rows.Count];
                for (var r = 0; r < values.Length; r++)
                {
                    var (line, cells) = table.Rows[r];
                    values[r] = table.Number(line, cells, valueColumn);
                    if (double.IsNaN(values[r]))
                    {
                        throw new InputException($"{table.Path}: row {line}, column '{table.Header[valueColumn]}': empty; an XmR chart needs every period.");
                    }
                }

                var rebase = parseResult.GetValue(rebaseAt) ?? [];
                foreach (var index in rebase.Where(i => i < 1 || i > values.Length))
                {
                    throw new InputException($"--rebase-at {index} is outside 1..{values.Length}.");
                }

                var options = new SpcOptions(
                    parseResult.GetValue(direction) switch
                    {
                        "increase" => ImprovementDirection.Increase,
                        "decrease" => ImprovementDirection.Decrease,
                        _ => ImprovementDirection.Neutral,
                    },
                    parseResult.GetValue(target),
                    rebase,
                    !parseResult.GetValue(noScreen));
                var result = XmrChart.Analyse(values, options);
                var periods = periodColumn < 0 ? null : table.Rows.Select(r => r.Cells[periodColumn]).ToArray();
                parseResult.InvocationConfiguration.Output.WriteLine(
                    parseResult.GetValue(format) == "json" ? Json(result, periods) : Table(result, periods));
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

    private static string Json(SpcResult result, string[]? periods) => Output.Json(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("points");
        foreach (var p in result.Points)
        {
            w.WriteStartObject();
            w.WriteNumber("index", p.Index);
            if (periods is not null)
            {
                w.WriteString("period", periods[p.Index - 1]);
            }

            w.WriteNumber("value", p.Value);
            w.WriteNumber("mean", p.Mean);
            w.Number("lpl", p.Lpl);
            w.Number("upl", p.Upl);
            w.WriteString("point_type", p.PointType);
            w.WriteString("special_cause_type", p.SpecialCauseType);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("assurance", result.Assurance);
        w.WriteString("last_point_variation", result.LastPointVariation);
        w.WriteEndObject();
    });

    private static string Table(SpcResult result, string[]? periods)
    {
        var s = new StringBuilder();
        s.AppendLine($"{"index",5}  {"period",-12}{"value",10}{"mean",10}{"lpl",10}{"upl",10}  {"point_type",-28}special_cause_type");
        foreach (var p in result.Points)
        {
            var label = periods?[p.Index - 1] ?? string.Empty;
            s.AppendLine($"{p.Index,5}  {label,-12}{Output.Fixed(p.Value, 2),10}{Output.Fixed(p.Mean, 2),10}{Output.Fixed(p.Lpl, 2),10}{Output.Fixed(p.Upl, 2),10}  {p.PointType,-28}{p.SpecialCauseType}");
        }

        s.AppendLine($"assurance: {result.Assurance ?? "none"}");
        s.Append($"last_point_variation: {result.LastPointVariation ?? "none"}");
        return s.ToString();
    }
}
