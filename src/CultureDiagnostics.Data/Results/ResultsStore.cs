using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Results;
using Dapper;

namespace CultureDiagnostics.Data.Results;

/// <summary>Reads a campaign's answers in the compact form the analysis needs (comments: CommentStore).</summary>
public sealed class ResultsStore(Database database)
{
    private const int BatchSize = 2048;

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
        var (answers, counts) = await LoadAsync(campaignId, instruments, null, cancellationToken);
        return (answers, counts.GroupBy(c => c.Key.UnitId).ToDictionary(g => g.Key, g => g.Sum(c => c.Value)));
    }

    /// <summary>
    /// As <see cref="LoadAsync(string, IReadOnlyList{Instrument}, CancellationToken)"/>, with each respondent's answer to one
    /// demographic question ("" where they declined) and the direct counts per unit and answer.
    /// </summary>
    public Task<(IReadOnlyList<InstrumentAnswers> Answers, IReadOnlyDictionary<(string UnitId, string Category), int> DirectCounts)> LoadBreakdownAsync(
        string campaignId, IReadOnlyList<Instrument> instruments, string questionId, CancellationToken cancellationToken = default) =>
        LoadAsync(campaignId, instruments, questionId, cancellationToken);

    private async Task<(IReadOnlyList<InstrumentAnswers> Answers, IReadOnlyDictionary<(string UnitId, string Category), int> DirectCounts)> LoadAsync(
        string campaignId, IReadOnlyList<Instrument> instruments, string? questionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // A snapshot: PostgreSQL's repeatable read; SQLite promotes it to its (serialised) default.
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var arguments = new { CampaignId = campaignId, QuestionId = questionId ?? "" };
        var counts = (await connection.QueryAsync<(string UnitId, string Category, long Count)>(new CommandDefinition(
            """
            SELECT r.unit_id, COALESCE(d.value, ''), COUNT(*)
            FROM responses r
            LEFT JOIN demographic_answers d ON d.response_id = r.id AND d.question_id = @QuestionId
            WHERE r.campaign_id = @CampaignId
            GROUP BY r.unit_id, COALESCE(d.value, '')
            """,
            arguments, snapshot, cancellationToken: cancellationToken)))
            .ToDictionary(r => (r.UnitId, r.Category), r => (int)r.Count);
        var builders = instruments.ToDictionary(i => i.Id, i => new Builder(i, counts.Values.Sum(), questionId is not null));
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        // Without a breakdown, one contiguous range of the answers table and nothing else is read.
        command.CommandText = questionId is null
            ? """
              SELECT a.unit_id, a.instrument_id, a.answers, ''
              FROM answers a
              WHERE a.campaign_id = @CampaignId
              """
            : """
              SELECT a.unit_id, a.instrument_id, a.answers, COALESCE(d.value, '')
              FROM answers a
              LEFT JOIN demographic_answers d ON d.response_id = a.response_id AND d.question_id = @QuestionId
              WHERE a.campaign_id = @CampaignId
              """;
        foreach (var (name, value) in new[] { ("@CampaignId", campaignId), ("@QuestionId", questionId ?? "") })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        // Reading (SQLite) and parsing (JSON) overlap: this thread reads rows in batches and reserves each
        // respondent's row; a second parses the batches into the reserved rows.
        var batches = Channel.CreateBounded<List<(Builder Builder, int Row, byte[] Json)>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var parsing = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    foreach (var (builder, row, json) in batch)
                    {
                        builder.Parse(row, json);
                    }
                }
            }
            catch (Exception failure)
            {
                // Stop the reader too (its next write fails), then let the failure surface below.
                batches.Writer.TryComplete(failure);
                throw;
            }
        }, cancellationToken);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var batch = new List<(Builder, int, byte[])>(BatchSize);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (builders.TryGetValue(reader.GetString(1), out var builder))
                {
                    // The column's UTF-8 bytes as they are (GetBytes would look up table metadata on every row).
                    var row = builder.Reserve(reader.GetString(0), questionId is null ? null : reader.GetString(3));
                    batch.Add((builder, row, reader.GetFieldValue<byte[]>(2)));
                    if (batch.Count == BatchSize)
                    {
                        await batches.Writer.WriteAsync(batch, cancellationToken);
                        batch = new List<(Builder, int, byte[])>(BatchSize);
                    }
                }
            }

            await batches.Writer.WriteAsync(batch, cancellationToken);
        }
        finally
        {
            batches.Writer.TryComplete();
            await parsing;
        }

        return (builders.Values.Select(b => b.Build()).ToList(), counts);
    }

    /// <summary>
    /// Parses each row's answers straight from its UTF-8 bytes into one array per instrument. A trust's
    /// campaign is millions of answers, so rows are read without a string per answer. Rows are reserved in
    /// reading order, then parsed (possibly on another thread) into their reserved place: the array is sized
    /// for every response in the snapshot up front, so it never moves while rows are parsed.
    /// </summary>
    private sealed class Builder(Instrument instrument, int responses, bool withCategories)
    {
        private readonly List<string>? _categories = withCategories ? new(responses) : null;

        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _column =
            instrument.ScaleItems.Select((item, index) => (item.Id, index)).ToDictionary(x => x.Id, x => x.index).GetAlternateLookup<ReadOnlySpan<char>>();

        private readonly int _width = instrument.ScaleItems.Count();
        private readonly List<string> _units = new(responses);
        private readonly Dictionary<string, string> _shared = [];
        private double[] _values = new double[Math.Max(1, responses) * Math.Max(1, instrument.ScaleItems.Count())];

        /// <summary>The next respondent's row, for a response through <paramref name="unitId"/>.</summary>
        public int Reserve(string unitId, string? category)
        {
            if ((_units.Count + 1) * _width > _values.Length)
            {
                throw new InvalidOperationException("More rows than responses in the snapshot.");
            }

            _units.Add(Shared(unitId));
            _categories?.Add(Shared(category ?? ""));
            return _units.Count - 1;
        }

        public void Parse(int row, ReadOnlySpan<byte> answersJson)
        {
            var values = _values.AsSpan(row * _width, _width);
            values.Fill(double.NaN);

            // Numbers are scale answers; strings ("na", choices) carry no score.
            var reader = new Utf8JsonReader(answersJson);
            Span<char> name = stackalloc char[128];
            var column = -1;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    column = reader.ValueIsEscaped || reader.ValueSpan.Length > name.Length
                        ? (_column.TryGetValue(reader.GetString()!, out var c) ? c : -1)
                        : (_column.TryGetValue(name[..Encoding.UTF8.GetChars(reader.ValueSpan, name)], out var d) ? d : -1);
                }
                else if (reader.TokenType == JsonTokenType.Number && column >= 0)
                {
                    values[column] = reader.GetInt32();
                }
            }
        }

        // One shared string per unit (or category) rather than one per respondent.
        private string Shared(string text)
        {
            if (!_shared.TryGetValue(text, out var shared))
            {
                _shared[text] = shared = text;
            }

            return shared;
        }

        public InstrumentAnswers Build()
        {
            Array.Resize(ref _values, _units.Count * _width);
            return new(instrument, _units, _values, _categories);
        }
    }
}
