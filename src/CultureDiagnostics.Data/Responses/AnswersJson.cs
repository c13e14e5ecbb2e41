using System.Text;
using System.Text.Json;
using CultureDiagnostics.Core.Collection;

namespace CultureDiagnostics.Data.Responses;

/// <summary>
/// The stored form of one response's answers to one instrument: {"ps-1": 5, "ps-2": "na", "leads-others": "yes"}.
/// </summary>
public static class AnswersJson
{
    public static string Write(IEnumerable<AcceptedAnswer> answers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var answer in answers)
            {
                if (answer.NotApplicable)
                {
                    writer.WriteString(answer.ItemId, SubmissionRules.NotApplicable);
                }
                else if (answer.Value is { } value)
                {
                    writer.WriteNumber(answer.ItemId, value);
                }
                else
                {
                    writer.WriteString(answer.ItemId, answer.Choice);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
