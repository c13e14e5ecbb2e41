using System.Collections.Concurrent;
using System.Diagnostics;
using CultureDiagnostics.Api.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Bench;

/// <summary>
/// The platform's own host in process (any type of its assembly names it; this project has its own Program) over
/// one database file, in Production, with a first middleware that times each request inside the server, from its
/// arrival to the end of the response: server time, without the client.
/// </summary>
/// <param name="settings">Settings on top of the host's own (a benchmark of sign-in lifts its rate limit).</param>
public sealed class BenchHost(string database, string folder, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<DemoData>
{
    public ConcurrentQueue<(string Path, double Milliseconds)> Timings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(ContentRoot());
        builder.UseEnvironment("Production");
        builder.UseSetting("CultureDiagnostics:DataDirectory", folder);
        builder.UseSetting("CultureDiagnostics:DatabasePath", database);
        builder.UseSetting("CultureDiagnostics:Demo", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new TimingFilter(Timings)));
    }

    /// <summary>The host's own folder (for its appsettings.json), found from the repository this benchmark runs in.</summary>
    private static string ContentRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CultureDiagnostics.sln")))
            {
                return Path.Combine(folder.FullName, "src", "CultureDiagnostics.Api");
            }
        }

        throw new InvalidOperationException("Run the benchmark from its repository: CultureDiagnostics.sln was not found above " + AppContext.BaseDirectory);
    }

    private sealed class TimingFilter(ConcurrentQueue<(string, double)> timings) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate following) =>
            {
                var clock = Stopwatch.StartNew();
                await following(context);
                timings.Enqueue((context.Request.Path.Value ?? "", clock.Elapsed.TotalMilliseconds));
            });
            next(app);
        };
    }
}
