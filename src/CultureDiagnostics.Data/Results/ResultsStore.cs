using System.Text;
using System.Text.Json;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Results;
using Dapper;

namespace CultureDiagnostics.Data.Results;

/// <summary>Reads a campaign's answers in the compact form the analysis needs.</summary>
public sealed class ResultsStore(Database database)
{
    /// <summary>
    /// A cheap stamp that changes whenever a campaign's responses change (they are only ever added),
    /// so cached analyses know when they are stale.
    /// </summary>
    public async Task<long> ResponseStampAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM responses WHERE campaign_id = @CampaignId", new { CampaignId = campaignId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Every response's answers to each instrument, as arrays over the instrument's scale items, and
    /// the number of responses through each unit's link, read from one snapshot so the two agree.
    /// </summary>
    public async Task<(IReadOnlyList<InstrumentAnswers> Answers, IReadOnlyDictionary<string, int> DirectCounts)> LoadAsync(
        string campaignId, IReadOnlyList<Instrument> instruments, CancellationToken cancellationToken = default)
    {
        var builders = instruments.ToDictionary(i => i.Id, i => new Builder(i));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var counts = (await connection.QueryAsync<(string UnitId, long Count)>(new CommandDefinition(
            "SELECT unit_id, COUNT(*) FROM responses WHERE campaign_id = @CampaignId GROUP BY unit_id",
            new { CampaignId = campaignId }, snapshot, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.UnitId, r => (int)r.Count);
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = """
            SELECT r.unit_id, a.instrument_id, a.answers
            FROM answers a
            JOIN responses r ON r.id = a.response_id
            WHERE r.campaign_id = @CampaignId
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@CampaignId";
        parameter.Value = campaignId;
        command.Parameters.Add(parameter);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (builders.TryGetValue(reader.GetString(1), out var builder))
            {
                builder.Add(reader.GetString(0), reader.GetString(2));
            }
        }

        return (builders.Values.Select(b => b.Build()).ToList(), counts);
    }

    private sealed class Builder(Instrument instrument)
    {
        private readonly Dictionary<string, int> _column = instrument.ScaleItems.Select((item, index) => (item.Id, index)).ToDictionary(x => x.Id, x => x.index);
        private readonly List<string> _units = [];
        private readonly List<double> _values = [];

        public void Add(string unitId, string answersJson)
        {
            var width = _column.Count;
            var start = _values.Count;
            for (var i = 0; i < width; i++)
            {
                _values.Add(double.NaN);
            }

            // Numbers are scale answers; strings ("na", choices) carry no score.
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(answersJson));
            string? property = null;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        break;
                    case JsonTokenType.Number when property is not null && _column.TryGetValue(property, out var column):
                        _values[start + column] = reader.GetInt32();
                        break;
                }
            }

            _units.Add(unitId);
        }

        public InstrumentAnswers Build() => new(instrument, _units, _values.ToArray());
    }
}
