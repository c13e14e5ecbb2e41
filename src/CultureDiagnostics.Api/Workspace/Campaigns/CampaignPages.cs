using System.Globalization;
using CultureDiagnostics.Api.Campaigns;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;
using static CultureDiagnostics.Api.Workspace.Html;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>Campaigns: the list, a form to create one, and each campaign with its links, posters and live response rates.</summary>
public static class CampaignPages
{
    public static IEndpointRouteBuilder MapCampaignPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/campaigns", Policies.ChangeTeam);
        group.MapGet("/", async (HttpContext context, CampaignStore store, InstrumentCatalogue catalogue, UnitStore units, TimeProvider clock, CancellationToken ct) =>
            await ListAsync(context, store, catalogue, units, clock, null, null, ct));
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id}", ShowAsync);
        group.MapPost("/{id}/open", (string id, IFormCollection form, CampaignStore store, CancellationToken ct) =>
            ChangeStatusAsync(id, CampaignStatus.Draft, CampaignStatus.Open, store, ct));
        group.MapPost("/{id}/close", (string id, IFormCollection form, CampaignStore store, CancellationToken ct) =>
            ChangeStatusAsync(id, CampaignStatus.Open, CampaignStatus.Closed, store, ct));
        return routes;
    }

    private static async Task<ContentHttpResult> ListAsync(
        HttpContext context, CampaignStore store, InstrumentCatalogue catalogue, UnitStore units, TimeProvider clock,
        IReadOnlyDictionary<string, string[]>? errors, IFormCollection? entered, CancellationToken ct)
    {
        var campaigns = await store.AllAsync(ct);
        var today = Today(clock);
        var rows = campaigns.Select(c =>
            $"<tr><td><a href=\"/workspace/campaigns/{c.Id}\">{E(c.Title)}</a></td><td>{Date(c.OpensOn)} to {Date(c.ClosesOn)}</td>"
            + $"<td>{E(StatusText(c, today))}</td><td class=\"num\">{I(c.Units.Count)}</td>"
            + $"<td>{(CampaignRules.AcceptanceOn(c, today) == Acceptance.Closed ? $"<a href=\"/workspace/campaigns/{c.Id}/results\">Results<span class=\"visually-hidden\"> of {E(c.Title)}</span></a>" : "<span class=\"muted\">after it closes</span>")}</td></tr>");
        var tree = new OrganisationTree(await units.AllAsync(ct));
        string Value(string name, string fallback = "") => entered is null ? fallback : entered[name].ToString();
        bool Checked(string name, string value, bool fallback) => entered is null ? fallback : entered[name].Contains(value);
        var instrumentChecks = string.Concat(catalogue.All.GroupBy(i => i.Id).Select(g => g.MaxBy(i => i.Version)!).Select(i =>
            $"<label><input type=\"checkbox\" name=\"instruments\" value=\"{E(i.Id)}\"{(Checked("instruments", i.Id, false) ? " checked" : "")}> {E(i.Title)} (version {I(i.Version)})</label>"));
        var unitChecks = string.Concat(tree.InTreeOrder().Where(x => tree.ChildrenOf(x.Unit.Id).Count == 0).Select(x =>
            $"<label><input type=\"checkbox\" name=\"units\" value=\"{E(x.Unit.Code)}\"{(Checked("units", x.Unit.Code, true) ? " checked" : "")}> {E(x.Unit.Name)} <span class=\"muted\">({E(x.Unit.Code)})</span></label>"));
        var body = $"""
            <h1>Survey campaigns</h1>
            {(campaigns.Count == 0 ? "<p>No campaigns yet.</p>" : $"""
              <div class="table-wrap"><table><caption>Campaigns, newest first</caption>
              <thead><tr><th scope="col">Campaign</th><th scope="col">Dates</th><th scope="col">Status</th><th scope="col" class="num">Units</th><th scope="col">Results</th></tr></thead>
              <tbody>{string.Concat(rows)}</tbody></table></div>
              """)}
            <h2 id="create">Create a campaign</h2>
            {Errors(errors)}
            {(tree.Units.Count == 0 ? "<p>Import the <a href=\"/workspace/structure\">organisation structure</a> first.</p>" : Form(context, "/workspace/campaigns", $"""
                <label for="title">Title</label>
                <input type="text" id="title" name="title" required value="{E(Value("title"))}">
                <label for="organiser">Organiser</label>
                <span class="hint" id="organiser-hint">Shown to respondents; leave empty for "The change team".</span>
                <input type="text" id="organiser" name="organiser" aria-describedby="organiser-hint" value="{E(Value("organiser"))}">
                <label for="opensOn">Opens on</label>
                <input type="date" id="opensOn" name="opensOn" required value="{E(Value("opensOn"))}">
                <label for="closesOn">Closes on</label>
                <input type="date" id="closesOn" name="closesOn" required value="{E(Value("closesOn"))}">
                <fieldset class="checks"><legend>Questionnaires</legend>{instrumentChecks}</fieldset>
                <fieldset class="checks"><legend>Teams taking part</legend>{unitChecks}</fieldset>
                <label for="scoreThreshold">Smallest group whose scores are shown</label>
                <input type="number" id="scoreThreshold" name="scoreThreshold" min="{DisclosureThresholds.Minimum}" value="{E(Value("scoreThreshold", I(DisclosureThresholds.DefaultScores)))}">
                <label for="commentThreshold">Smallest group whose comments are shown</label>
                <input type="number" id="commentThreshold" name="commentThreshold" min="{DisclosureThresholds.Minimum}" value="{E(Value("commentThreshold", I(DisclosureThresholds.DefaultComments)))}">
                <div><button type="submit">Create campaign</button></div>
                """))}
            """;
        return Layout.Result(context, "Survey campaigns", body, errors is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, IFormCollection form, CampaignStore store, InstrumentCatalogue catalogue, UnitStore units, TimeProvider clock, CancellationToken ct)
    {
        var title = form["title"].ToString().Trim();
        var organiser = form["organiser"].ToString().Trim();
        var opensOn = ParseDate(form["opensOn"]);
        var closesOn = ParseDate(form["closesOn"]);
        var scores = ParseInt(form["scoreThreshold"]);
        var comments = ParseInt(form["commentThreshold"]);
        var instrumentIds = form["instruments"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct().ToList();
        var unitCodes = form["units"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var errors = CampaignRules.Validate(title, opensOn, closesOn, scores, comments, instrumentIds.Count, unitCodes.Count);
        if (organiser.Length > CampaignRules.MaxTitleLength)
        {
            errors["organiser"] = [$"The organiser must be at most {CampaignRules.MaxTitleLength} characters."];
        }

        var instruments = new List<(CampaignInstrument, string)>();
        foreach (var id in instrumentIds)
        {
            if (catalogue.Latest(id) is { } instrument)
            {
                instruments.Add((new CampaignInstrument(instrument.Id, instrument.Version), catalogue.FingerprintOf(instrument.Id, instrument.Version)));
            }
            else
            {
                errors["instruments"] = [$"No questionnaire '{id}' is in the surveys folder."];
            }
        }

        var tree = new OrganisationTree(await units.AllAsync(ct));
        var byCode = tree.Units.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        var unitIds = new List<string>();
        foreach (var code in unitCodes)
        {
            if (byCode.TryGetValue(code, out var unit))
            {
                unitIds.Add(unit.Id);
            }
            else
            {
                errors["units"] = [$"No unit has the code '{code}'."];
            }
        }

        if (errors.Count > 0)
        {
            return await ListAsync(context, store, catalogue, units, clock, errors, form, ct);
        }

        var campaign = await store.CreateAsync(
            new NewCampaign(title, organiser.Length == 0 ? "The change team" : organiser, opensOn!.Value, closesOn!.Value,
                new DisclosureThresholds(scores ?? DisclosureThresholds.DefaultScores, comments ?? DisclosureThresholds.DefaultComments), instruments, unitIds),
            ct);
        return TypedResults.Redirect($"/workspace/campaigns/{campaign.Id}");
    }

    private static async Task<IResult> ShowAsync(
        string id, HttpContext context, CampaignStore store, UnitStore units, ResultsPublisher publisher, CampaignLinks links, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await store.FindAsync(id, ct);
        if (campaign is null)
        {
            return NotFound(context, id);
        }

        var tree = new OrganisationTree(await units.AllAsync(ct));
        var today = Today(clock);
        var rates = await publisher.ResponseRatesAsync(campaign, ct);
        var acceptance = CampaignRules.AcceptanceOn(campaign, today);
        var unitRows = links.ToResponse(campaign, tree, today).Units.Select(u =>
        {
            var rate = rates.Units.FirstOrDefault(r => r.Unit == u.Code);
            return $"<tr><th scope=\"row\">{E(u.Name)}</th><td><a href=\"{E(u.Link)}\">{E(u.Link)}</a></td>"
                + $"<td><a href=\"/campaigns/{campaign.Id}/units/{Uri.EscapeDataString(u.AccessCode)}/poster\">Poster<span class=\"visually-hidden\"> for {E(u.Name)}</span></a></td>"
                + $"<td class=\"num\">{E(rate?.Respondents.ToString() ?? "–")}</td><td class=\"num\">{(rate?.ResponseRatePercent is { } p ? I(p) + "%" : "–")}</td></tr>";
        });
        var rateRows = rates.Units.Select(r =>
            $"<tr><td class=\"depth-{Math.Min(r.Depth, 4)}\">{E(r.Name)}</td><td class=\"num\">{E(r.Respondents.ToString())}</td><td class=\"num\">{(r.Headcount is { } h ? I(h) : "–")}</td><td class=\"num\">{(r.ResponseRatePercent is { } p ? I(p) + "%" : "–")}</td></tr>");
        var actions = campaign.Status switch
        {
            CampaignStatus.Draft => Form(context, $"/workspace/campaigns/{id}/open", "<button type=\"submit\">Open the campaign</button>", "inline"),
            CampaignStatus.Open => Form(context, $"/workspace/campaigns/{id}/close", "<button type=\"submit\" class=\"secondary\">Close the campaign</button>", "inline"),
            _ => $"<a class=\"button\" href=\"/workspace/campaigns/{id}/results\">Explore the results</a> <a class=\"button\" href=\"/dashboard/{id}\">Board dashboard</a> <a class=\"button\" href=\"/api/campaigns/{id}/synthesis.xlsx\">Synthesis workbook (Excel)</a>",
        };
        var body = $"""
            <p><a href="/workspace/campaigns">All campaigns</a></p>
            <h1>{E(campaign.Title)}</h1>
            <p>{E(StatusText(campaign, today))}. {Date(campaign.OpensOn)} to {Date(campaign.ClosesOn)}. Scores are shown for groups of {I(campaign.Thresholds.Scores)} or more.</p>
            <div class="actions">{actions}</div>
            {(acceptance == Acceptance.Closed ? "" : "<p class=\"muted\">Results are published once the campaign closes, so nobody can compare results before and after a colleague answers.</p>")}
            <h2>Links and posters</h2>
            <div class="table-wrap"><table><caption>Each team's link for its staff</caption>
            <thead><tr><th scope="col">Team</th><th scope="col">Respondents' link</th><th scope="col">Poster</th><th scope="col" class="num">Responses</th><th scope="col" class="num">Response rate</th></tr></thead>
            <tbody>{string.Concat(unitRows)}</tbody></table></div>
            <h2>Response rates</h2>
            <p>Live, under disclosure control: a group with fewer than {I(campaign.Thresholds.Scores)} responses reads "fewer than {I(campaign.Thresholds.Scores)}", and a group that would give such a number away by subtraction is withheld.</p>
            <div class="table-wrap"><table><caption>Responses by unit (units and the units above them)</caption>
            <thead><tr><th scope="col">Unit</th><th scope="col" class="num">Responses</th><th scope="col" class="num">Headcount</th><th scope="col" class="num">Response rate</th></tr></thead>
            <tbody>{string.Concat(rateRows)}</tbody></table></div>
            """;
        return Layout.Result(context, campaign.Title, body);
    }

    private static async Task<IResult> ChangeStatusAsync(string id, CampaignStatus from, CampaignStatus to, CampaignStore store, CancellationToken ct)
    {
        await store.ChangeStatusAsync(id, from, to, ct);
        return TypedResults.Redirect($"/workspace/campaigns/{id}");
    }

    public static ContentHttpResult NotFound(HttpContext context, string id) =>
        Layout.Result(context, "Not found", $"<h1>Not found</h1><p>No campaign has the id {E(id)}. <a href=\"/workspace/campaigns\">All campaigns</a>.</p>", StatusCodes.Status404NotFound);

    public static string StatusText(Campaign campaign, DateOnly today) => CampaignRules.AcceptanceOn(campaign, today) switch
    {
        Acceptance.Accepting => "Open: accepting responses",
        Acceptance.Closed => "Closed",
        _ => campaign.Status == CampaignStatus.Draft ? "Draft: not open yet" : "Open, from " + Date(campaign.OpensOn),
    };

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static int? ParseInt(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
