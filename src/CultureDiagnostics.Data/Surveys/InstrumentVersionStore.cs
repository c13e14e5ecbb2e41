using Dapper;

namespace CultureDiagnostics.Data.Surveys;

/// <summary>A published instrument version whose file no longer matches what respondents answered.</summary>
public sealed record ChangedInstrument(string InstrumentId, int Version, string Problem);

/// <summary>
/// Keeps the fingerprint of every instrument version a campaign has used, so that wording cannot
/// change under responses already given.
/// </summary>
public sealed class InstrumentVersionStore(Database database)
{
    /// <summary>
    /// Compares recorded fingerprints with the current files. A version with responses must be
    /// unchanged; one without responses yet simply takes the new fingerprint.
    /// </summary>
    public async Task<IReadOnlyList<ChangedInstrument>> CheckAsync(Func<string, int, string?> currentFingerprint, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var recorded = await connection.QueryAsync<(string InstrumentId, long Version, string Fingerprint, long Responses)>(new CommandDefinition(
            """
            SELECT v.instrument_id, v.instrument_version, v.fingerprint,
                   (SELECT COUNT(*) FROM responses r
                    JOIN campaign_instruments ci ON ci.campaign_id = r.campaign_id
                    WHERE ci.instrument_id = v.instrument_id AND ci.instrument_version = v.instrument_version)
            FROM instrument_versions v
            """, cancellationToken: cancellationToken));
        var problems = new List<ChangedInstrument>();
        foreach (var (id, version, fingerprint, responses) in recorded)
        {
            var current = currentFingerprint(id, (int)version);
            if (current == fingerprint)
            {
                continue;
            }

            if (responses > 0)
            {
                problems.Add(new ChangedInstrument(id, (int)version, current is null
                    ? $"Instrument '{id}' version {version} has {responses} responses but its file is missing from the surveys folder. Put the file back."
                    : $"Instrument '{id}' version {version} has {responses} responses but its file has changed since they were given. Restore the published file and put the new wording in a new version ({id}.v{version + 1}.json)."));
            }
            else if (current is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE instrument_versions SET fingerprint = @Fingerprint WHERE instrument_id = @Id AND instrument_version = @Version",
                    new { Fingerprint = current, Id = id, Version = version }, cancellationToken: cancellationToken));
            }
        }

        return problems;
    }
}
