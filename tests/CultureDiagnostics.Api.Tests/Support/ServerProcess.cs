using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CultureDiagnostics.Api.Tests.Support;

/// <summary>
/// The real platform in a process of its own (the built CultureDiagnostics.Api.dll run by dotnet), on a
/// loopback port, over a given database, so that it can be killed like a crashed server.
/// </summary>
public sealed class ServerProcess(string directory, int port) : IDisposable
{
    private readonly List<string> _output = [];
    private Process? _process;

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port}/");

    public string DatabasePath => Path.Combine(directory, "culture.db");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the platform and waits until <paramref name="readyPath"/> answers 200.</summary>
    public async Task StartAsync(string readyPath, TimeSpan timeout)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CultureDiagnostics.Api.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     dll, "--urls", BaseAddress.ToString().TrimEnd('/'),
                     $"--CultureDiagnostics:DataDirectory={directory}", $"--CultureDiagnostics:DatabasePath={DatabasePath}",
                     "--CultureDiagnostics:Demo=false", "--CultureDiagnostics:RateLimits:SubmissionsPerMinute=100000000",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The platform exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                if ((await http.GetAsync(readyPath)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly on a busy machine.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The platform did not answer within {timeout}:{Environment.NewLine}{Output}");
    }

    /// <summary>SIGKILL: no shutdown, no flushing; whatever was not committed is lost.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output.TakeLast(40));
            }
        }
    }

    public void Dispose() => Kill();

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }
}
