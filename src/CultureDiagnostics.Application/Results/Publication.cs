using CultureDiagnostics.Core.Campaigns;

namespace CultureDiagnostics.Application.Results;

/// <summary>When a campaign's results may leave the platform: the one rule, in words shared by the API, the pages and the command line.</summary>
public static class Publication
{
    public const string NotPublishedTitle = "Results are not published yet.";

    /// <summary>
    /// Results are published once the campaign has closed. While it is open, comparing results before and
    /// after a colleague says they have answered would reveal that colleague's answers.
    /// </summary>
    public static bool IsPublished(Campaign campaign, DateOnly today) =>
        CampaignRules.AcceptanceOn(campaign, today) == Acceptance.Closed;

    /// <summary>Null once the campaign's results are published; otherwise why not yet.</summary>
    public static string? NotPublishedYet(Campaign campaign, DateOnly today) =>
        IsPublished(campaign, today)
            ? null
            : $"Results of '{campaign.Title}' are shown once it closes ({campaign.ClosesOn:d MMMM yyyy}), so that nobody can compare results before and after a colleague answers. Response rates are available while it runs.";
}

/// <summary>The campaign the board sees, and whether the change team chose it or it is the default (the latest survey of every team).</summary>
public sealed record BoardDiagnostic(Campaign Campaign, bool Chosen);
