using CultureDiagnostics.Data;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>Runs <see cref="LogCheckpointer.CopyAsync"/> every <see cref="Interval"/> from a thread of its own (SQLite only).</summary>
public sealed class LogCheckpoints(LogCheckpointer checkpointer, ILogger<LogCheckpoints> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!checkpointer.IsNeeded)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await checkpointer.CopyAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nothing is lost: the log keeps every page until a later checkpoint copies it.
                logger.LogWarning(ex, "A checkpoint of the database's write-ahead log failed; it will be tried again.");
            }
        }
    }
}
