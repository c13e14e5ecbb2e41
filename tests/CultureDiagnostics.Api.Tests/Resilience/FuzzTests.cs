using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using Dapper;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Resilience;

/// <summary>
/// Bad input at volume: 10,000 requests of random and mutated JSON, wrong types, huge and deeply nested
/// bodies, invalid UTF-8, forms, multipart and CSV, at every endpoint the app maps, sent by a signed-in
/// administrator. None may answer 5xx or take longer than the per-request timeout, and a request that is
/// refused must leave the database untouched (SQLite's data_version moves with any commit).
/// </summary>
// Reads the SQLite file itself (its backup API, its data_version counter).
[Trait("Database", "SQLiteOnly")]
public sealed partial class FuzzTests : IDisposable
{
    private const int Cases = 10_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static readonly string[] FieldNames =
    [
        "accessCode", "idempotencyKey", "answers", "comments", "demographics", "instrument", "item", "value", "text", "question",
        "email", "password", "displayName", "role", "token", "title", "opensOn", "closesOn", "instruments", "units", "id", "code", "name",
        "parentCode", "headcount", "scores", "comments", "go", "state", "at", "returnUrl", "__RequestVerificationToken", "file",
    ];

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private sealed record Target(string Method, string Pattern);

    [Fact]
    public async Task TenThousandMalformedRequestsGetNoServerErrorNoPartialWriteAndNoHang()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app, "psychological-safety", "leadership-behaviours");
        var admin = await WorkspaceClient.SignedInAsync(_app);
        var token = await WorkspaceClient.TokenAsync(admin, "/workspace/structure");
        var targets = Targets();
        Assert.True(targets.Count > 40, $"Only {targets.Count} endpoints found");
        var templates = Templates(campaign);
        var random = new Random(20261123);

        using var watch = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False");
        watch.Open();
        var failures = new List<string>();
        var accepted = 0;
        var statuses = new Dictionary<int, int>();
        var writesSeen = 0;
        for (var i = 0; i < Cases && failures.Count < 25; i++)
        {
            var target = targets[i % targets.Count];
            var url = Url(target.Pattern, campaign, random);
            var (content, what) = target.Method is "GET" or "HEAD" ? (null, "no body") : Body(random, templates, token);
            using var request = new HttpRequestMessage(new HttpMethod(target.Method), url) { Content = content };
            var before = DataVersion(watch);
            using var timeout = new CancellationTokenSource(Timeout);
            HttpResponseMessage response;
            try
            {
                response = await admin.SendAsync(request, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                failures.Add($"#{i} {target.Method} {url} ({what}): no answer within {Timeout.TotalSeconds} s");
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var success = status is >= 200 and < 400;
                accepted += success && target.Method != "GET" ? 1 : 0;
                if (status >= 500)
                {
                    failures.Add($"#{i} {target.Method} {url} ({what}): {status} {Truncate(await response.Content.ReadAsStringAsync())}");
                }
                else if (target.Method != "GET" && DataVersion(watch) != before)
                {
                    writesSeen++;
                    if (!success)
                    {
                        failures.Add($"#{i} {target.Method} {url} ({what}): refused with {status} but the database changed");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // The cases reached past routing into the readers and validators: each kind of refusal was seen.
        var seen = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        Assert.True(new[] { 400, 404, 413, 415 }.All(statuses.ContainsKey), "Statuses seen: " + seen);
        Assert.True(statuses[400] > Cases / 10, "Statuses seen: " + seen);
        // The watch sees commits: the accepted writes among the cases moved it.
        Assert.True(statuses.GetValueOrDefault(201) == 0 || writesSeen > 0, "data_version never moved, so it cannot show a partial write");
        Assert.Equal("ok", watch.ExecuteScalar<string>("PRAGMA integrity_check"));
        // Mutations of valid bodies are sometimes still valid; most must be refused, or the fuzzing was not hostile.
        Assert.InRange(accepted, 0, Cases / 4);
    }

    private static long DataVersion(SqliteConnection connection) => connection.ExecuteScalar<long>("PRAGMA data_version");

    private List<Target> Targets()
    {
        // Static files (MapStaticAssets) read no input: nothing to fuzz, and their many routes would crowd out the rest.
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null);
        return endpoints.SelectMany(e =>
            {
                var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                return methods.Select(m => new Target(m, pattern));
            })
            // Signing out would end the administrator's session, and opening or closing the wave changes what every
            // later case can reach; these take no body, so there is nothing to fuzz in them.
            .Where(t => !t.Pattern.Contains("sign-out", StringComparison.Ordinal)
                        && !Regex.IsMatch(t.Pattern, "/(open|close)$"))
            .OrderBy(t => t.Pattern, StringComparer.Ordinal).ThenBy(t => t.Method, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Route values mostly real (so the request reaches the handler), sometimes hostile.</summary>
    private static string Url(string pattern, Scenario.OpenCampaign campaign, Random random)
    {
        var respondent = pattern.StartsWith("/s/", StringComparison.Ordinal) || pattern.StartsWith("/api/survey/", StringComparison.Ordinal);
        var url = RouteParameter().Replace(pattern, m =>
        {
            if (random.NextDouble() < 0.3)
            {
                // Not NUL: a server refuses such a request line before any of the platform's code sees it.
                return Uri.EscapeDataString(RandomText(random, random.Next(0, 300)).Replace("\0", "", StringComparison.Ordinal));
            }

            return m.Groups[1].Value switch
            {
                "id" or "campaignId" => campaign.CampaignId,
                "code" when respondent => campaign.Code,
                "code" or "unit" => "TEAM-1",
                "question" => "staff-group",
                _ => RandomToken(random),
            };
        });
        if (random.NextDouble() < 0.3)
        {
            url += "?" + string.Join('&', Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
                Uri.EscapeDataString(FieldNames[random.Next(FieldNames.Length)]) + "=" + Uri.EscapeDataString(RandomText(random, random.Next(0, 40)))));
        }

        return url;
    }

    private List<string> Templates(Scenario.OpenCampaign campaign) =>
    [
        Scenario.ValidSubmission(_app, campaign.Code, null, "psychological-safety", "leadership-behaviours").ToJsonString(),
        new JsonObject { ["email"] = "nobody@test.example", ["password"] = "not-the-password" }.ToJsonString(),
        new JsonObject
        {
            ["title"] = "Fuzz wave", ["opensOn"] = "2026-12-01", ["closesOn"] = "2026-12-31",
            ["instruments"] = new JsonArray(new JsonObject { ["id"] = "psychological-safety" }), ["units"] = new JsonArray("TEAM-1"),
        }.ToJsonString(),
        new JsonObject { ["code"] = "FUZZ", ["name"] = "Fuzz team", ["parentCode"] = "DIR-A", ["headcount"] = 7 }.ToJsonString(),
        new JsonObject { ["scores"] = 5, ["comments"] = 10 }.ToJsonString(),
    ];

    private static (HttpContent? Content, string What) Body(Random random, List<string> templates, string token)
    {
        var template = templates[random.Next(templates.Count)];
        return random.Next(100) switch
        {
            < 20 => (Json(RandomJson(random, 0)?.ToJsonString() ?? "null"), "random JSON"),
            < 40 => (Json(Mutate(random, Encoding.UTF8.GetBytes(template))), "mutated JSON bytes"),
            < 55 => (Json(WrongType(random, template)), "wrong types"),
            < 58 => (Json(new string('[', 100_000) + new string(']', 100_000)), "deeply nested array"),
            < 60 => (Json(string.Concat(Enumerable.Repeat("{\"a\":", 20_000)) + "1" + new string('}', 20_000)), "deeply nested object"),
            < 62 => (Json("[" + string.Join(',', Enumerable.Repeat("\"" + new string('x', 1000) + "\"", 1500)) + "]"), "1.5 MB of JSON"),
            < 70 => (Json(InvalidUtf8(random, template)), "invalid UTF-8"),
            < 80 => (Form(random, random.NextDouble() < 0.5 ? token : null), "form"),
            < 84 => (Raw("application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("a=%ZZ&&=&%%%&go=send&state=" + new string('%', 50))), "broken form encoding"),
            < 88 => (Multipart(random), "multipart"),
            < 93 => (Raw("text/csv", Encoding.UTF8.GetBytes(RandomCsv(random))), "CSV"),
            < 96 => (Raw(random.Next(3) switch { 0 => "text/plain", 1 => "application/xml", _ => "application/octet-stream" }, Mutate(random, Encoding.UTF8.GetBytes(template))), "wrong content type"),
            _ => (new ByteArrayContent(Mutate(random, Encoding.UTF8.GetBytes(template))), "no content type"),
        };
    }

    private static ByteArrayContent Json(string text) => Raw("application/json", Encoding.UTF8.GetBytes(text));

    private static ByteArrayContent Json(byte[] bytes) => Raw("application/json", bytes);

    private static ByteArrayContent Raw(string type, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        return content;
    }

    private static JsonNode? RandomJson(Random random, int depth)
    {
        var kind = depth > 4 ? random.Next(5) : random.Next(7);
        return kind switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.Next(4) switch { 0 => random.Next(), 1 => -random.NextDouble() * 1e300, 2 => long.MaxValue, _ => 0.5 }),
            3 or 4 => JsonValue.Create(RandomText(random, random.Next(0, 60))),
            5 => new JsonArray(Enumerable.Range(0, random.Next(0, 6)).Select(_ => RandomJson(random, depth + 1)).ToArray()),
            _ => RandomObject(random, depth),
        };
    }

    private static JsonObject RandomObject(Random random, int depth)
    {
        var result = new JsonObject();
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            result[FieldNames[random.Next(FieldNames.Length)]] = RandomJson(random, depth + 1);
        }

        return result;
    }

    /// <summary>A valid body with one value, anywhere in it, replaced by one of another type.</summary>
    private static string WrongType(Random random, string template)
    {
        var root = JsonNode.Parse(template)!;
        var nodes = new List<JsonNode>();
        void Walk(JsonNode? node)
        {
            if (node is null)
            {
                return;
            }

            nodes.Add(node);
            foreach (var child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a, _ => [] })
            {
                Walk(child);
            }
        }

        Walk(root);
        var victim = nodes[random.Next(1, nodes.Count)];
        var replacement = victim switch
        {
            JsonValue v when v.TryGetValue<string>(out _) => random.Next(3) == 0 ? JsonValue.Create(random.Next(-5, 100)) : (JsonNode)new JsonArray(),
            JsonValue => JsonValue.Create(random.Next(2) == 0 ? "7" : "seven"),
            JsonArray => new JsonObject { ["0"] = 1 },
            _ => JsonValue.Create(random.Next()),
        };
        switch (victim.Parent)
        {
            case JsonObject parent:
                parent[victim.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[victim.GetElementIndex()] = replacement;
                break;
        }

        return root.ToJsonString();
    }

    private static byte[] Mutate(Random random, byte[] bytes)
    {
        var list = bytes.ToList();
        for (var n = random.Next(1, 6); n > 0 && list.Count > 0; n--)
        {
            var at = random.Next(list.Count);
            switch (random.Next(4))
            {
                case 0:
                    list[at] = (byte)random.Next(256);
                    break;
                case 1:
                    list.RemoveAt(at);
                    break;
                case 2:
                    const string syntax = "{}[]\",:\\0-e9";
                    list.Insert(at, (byte)syntax[random.Next(syntax.Length)]);
                    break;
                default:
                    var length = Math.Min(random.Next(1, 200), list.Count - at);
                    list.InsertRange(at, list.GetRange(at, length));
                    break;
            }
        }

        return [.. list];
    }

    private static byte[] InvalidUtf8(Random random, string template)
    {
        var bytes = Encoding.UTF8.GetBytes(template).ToList();
        var quote = bytes.IndexOf((byte)'"', random.Next(bytes.Count / 2));
        byte[][] bad = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xC3], [0xF4, 0x90, 0x80, 0x80]];
        bytes.InsertRange(Math.Max(1, quote + 1), bad[random.Next(bad.Length)]);
        return [.. bytes];
    }

    private static FormUrlEncodedContent Form(Random random, string? token)
    {
        var fields = Enumerable.Range(0, random.Next(0, 8))
            .Select(_ => new KeyValuePair<string, string>(
                random.Next(5) == 0 ? RandomText(random, 10) : FieldNames[random.Next(FieldNames.Length)],
                random.Next(20) == 0 ? new string('x', random.Next(10_000, 300_000)) : RandomText(random, random.Next(0, 80))))
            .ToList();
        if (token is not null)
        {
            fields.Add(new("__RequestVerificationToken", token));
        }

        return new FormUrlEncodedContent(fields);
    }

    private static MultipartFormDataContent Multipart(Random random)
    {
        var content = new MultipartFormDataContent();
        for (var i = random.Next(0, 3); i >= 0; i--)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(RandomCsv(random)));
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(random.Next(2) == 0 ? "text/csv" : "application/json");
            content.Add(part, FieldNames[random.Next(FieldNames.Length)], RandomToken(random) + ".csv");
        }

        return content;
    }

    private static string RandomCsv(Random random)
    {
        var header = random.Next(3) switch { 0 => "code,name,parent_code,headcount", 1 => "period,value", _ => RandomText(random, 20) };
        var rows = Enumerable.Range(0, random.Next(0, 50)).Select(_ => string.Join(',', Enumerable.Range(0, random.Next(1, 6))
            .Select(_ => random.Next(4) == 0 ? "\"" + RandomText(random, 10) : RandomText(random, random.Next(0, 12)))));
        return (random.Next(4) == 0 ? "\uFEFF" : "") + header + "\n" + string.Join(random.Next(2) == 0 ? "\n" : "\r\n", rows);
    }

    private static string RandomToken(Random random) =>
        new(Enumerable.Range(0, random.Next(1, 24)).Select(_ => "abcdefghjkmnpqrstuvwxyz23456789-_"[random.Next(33)]).ToArray());

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "abcXYZ019 -_.,;:'\"\\/<>&%{}[]()\t\n\u00e9\u00df\u4e2d\u0000\u202e";
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";

    [GeneratedRegex("\\{([A-Za-z]+)[^}]*\\}")]
    private static partial Regex RouteParameter();
}
