using System.Security.Cryptography;
using System.Text;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Responses;
using Microsoft.Data.Sqlite;

namespace CultureDiagnostics.Bench.Ingest;

/// <summary>
/// The floor under the platform's own store: the same rows written with statements prepared once and
/// reused, no Dapper, in one transaction per batch on a connection set up as the platform's writer's
/// (<see cref="Database.OpenWriterAsync"/>: WAL, synchronous=FULL, its page cache and checkpoint limits).
/// </summary>
public sealed class RawInsert : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _key;
    private readonly SqliteCommand _response;
    private readonly SqliteCommand _answers;
    private readonly SqliteCommand _demographic;
    private readonly SqliteCommand _comment;

    public RawInsert(Database database)
    {
        _connection = (SqliteConnection)database.OpenWriterAsync().GetAwaiter().GetResult();

        _key = Command("INSERT INTO submission_keys (key_hash, submitted_on) VALUES ($a, $b) ON CONFLICT (key_hash) DO NOTHING", 2);
        _response = Command("INSERT INTO responses (id, campaign_id, unit_id, submitted_on) VALUES ($a, $b, $c, $d)", 4);
        _answers = Command("INSERT INTO answers (campaign_id, response_id, instrument_id, unit_id, answers) VALUES ($a, $b, $c, $d, $e)", 5);
        _demographic = Command("INSERT INTO demographic_answers (response_id, question_id, value) VALUES ($a, $b, $c)", 3);
        _comment = Command("INSERT INTO comments (id, campaign_id, unit_id, instrument_id, item_id, text) VALUES ($a, $b, $c, $d, $e, $f)", 6);
    }

    public SqliteConnection Connection => _connection;

    public void Insert(IReadOnlyList<KeyedSubmission> batch)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var transaction = _connection.BeginTransaction();
        foreach (var command in new[] { _key, _response, _answers, _demographic, _comment })
        {
            command.Transaction = transaction;
        }

        foreach (var s in batch)
        {
            var id = Guid.NewGuid().ToString("N");
            Run(_key, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s.IdempotencyKey))), today);
            Run(_response, id, s.CampaignId, s.UnitId, today);
            foreach (var group in s.Submission.Answers.GroupBy(a => a.InstrumentId))
            {
                Run(_answers, s.CampaignId, id, group.Key, s.UnitId, AnswersJson.Write(group));
            }

            foreach (var d in s.Submission.Demographics)
            {
                Run(_demographic, id, d.QuestionId, d.Value);
            }

            foreach (var c in s.Submission.Comments)
            {
                Run(_comment, Guid.NewGuid().ToString("N"), s.CampaignId, s.UnitId, c.InstrumentId, c.ItemId, c.Text);
            }
        }

        transaction.Commit();
    }

    public void Dispose()
    {
        foreach (var command in new[] { _key, _response, _answers, _demographic, _comment })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private SqliteCommand Command(string sql, int parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter("$" + (char)('a' + i), SqliteType.Text));
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
