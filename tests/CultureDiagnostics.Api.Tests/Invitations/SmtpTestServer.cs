using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CultureDiagnostics.Api.Tests.Invitations;

/// <summary>An e-mail as the mail server received it, with the survey link it carries.</summary>
public sealed partial record ReceivedMail(string To, string Subject, string Body)
{
    /// <summary>The personal link in the body (the platform's public address, /s/ and the token).</summary>
    public string Link => LinkPattern().Match(Body) is { Success: true } match ? match.Value : throw new InvalidOperationException("No survey link in: " + Body);

    public string Token => Link[(Link.LastIndexOf('/') + 1)..];

    /// <summary>The link's path, to follow on the in-memory server (the public address is the test's https://survey.test).</summary>
    public string Path => new Uri(Link).AbsolutePath;

    [GeneratedRegex(@"https://survey\.test/s/[a-z0-9]+")]
    private static partial Regex LinkPattern();
}

/// <summary>
/// A real SMTP server (the SmtpServer package) listening on a free loopback port in the test's process: the
/// platform sends to it with MailKit exactly as it would to an organisation's mail server, and the test reads
/// what arrived. It can hold e-mails back (<see cref="Hold"/>), refuse some for now (<see cref="RefuseForNow"/>)
/// or refuse addresses for good (<see cref="RefusedAddresses"/>).
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private TaskCompletionSource _gate = NewGate(open: true);

    private SmtpTestServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        var server = new SmtpServer.SmtpServer(options, services);
        _running = server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyList<ReceivedMail> Received => _received.ToList();

    /// <summary>Addresses whose mailbox the server says does not exist (550): permanent refusals.</summary>
    public ConcurrentDictionary<string, bool> RefusedAddresses { get; } = new(StringComparer.OrdinalIgnoreCase);

    private int _refuseForNow;

    /// <summary>How many more e-mails to refuse with 451 ("try again later") before taking them again.</summary>
    public int RefuseForNow
    {
        get => Volatile.Read(ref _refuseForNow);
        set => Volatile.Write(ref _refuseForNow, value);
    }

    /// <summary>The settings that point the platform at this server.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["CultureDiagnostics:Smtp:Host"] = "127.0.0.1",
        ["CultureDiagnostics:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CultureDiagnostics:Smtp:Security"] = "None",
        ["CultureDiagnostics:Smtp:FromAddress"] = "staff-survey@trust.test",
        ["CultureDiagnostics:Smtp:FromName"] = "Staff survey",
    };

    public static SmtpTestServer Start()
    {
        // A free port, found by letting the system pick one and releasing it for the server.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new SmtpTestServer(port);
    }

    /// <summary>Holds every e-mail at the end of its DATA until <see cref="Release"/>.</summary>
    public void Hold() => _gate = NewGate(open: false);

    public void Release() => _gate.TrySetResult();

    /// <summary>Waits until at least <paramref name="count"/> e-mails have arrived, and returns them all.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (_received.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} e-mails, received {_received.Count} in {seconds} s.");
            await Task.Delay(25);
        }

        return Received;
    }

    /// <summary>Stops listening, as a mail server that is down: the platform's connections are refused.</summary>
    public async Task StopAsync()
    {
        Release();
        await _stop.CancelAsync();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            gate.SetResult();
        }

        return gate;
    }

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await server._gate.Task.WaitAsync(cancellationToken);
            if (Interlocked.Decrement(ref server._refuseForNow) >= 0)
            {
                return new SmtpResponse((SmtpReplyCode)451, "Local problem, try again later");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            server._received.Enqueue(new ReceivedMail(
                message.To.Mailboxes.Single().Address, message.Subject ?? "", message.TextBody ?? ""));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(SmtpTestServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!server.RefusedAddresses.ContainsKey($"{to.User}@{to.Host}"));
    }
}
