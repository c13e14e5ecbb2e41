namespace CultureDiagnostics.Core.Campaigns;

/// <summary>Whether a campaign accepts a response on a given day.</summary>
public enum Acceptance
{
    Accepting,
    NotYetOpen,
    Closed,
}

public static class CampaignRules
{
    public const int MaxTitleLength = 200;

    /// <summary>
    /// A campaign takes responses when it has been opened and the day is within its dates (the close
    /// date is the last day responses are taken).
    /// </summary>
    public static Acceptance AcceptanceOn(Campaign campaign, DateOnly today) => campaign.Status switch
    {
        CampaignStatus.Draft => Acceptance.NotYetOpen,
        CampaignStatus.Closed => Acceptance.Closed,
        _ when today < campaign.OpensOn => Acceptance.NotYetOpen,
        _ when today > campaign.ClosesOn => Acceptance.Closed,
        _ => Acceptance.Accepting,
    };

    /// <summary>Validates a new campaign's settings. Keys are the request's field names.</summary>
    public static Dictionary<string, string[]> Validate(
        string? title,
        DateOnly? opensOn,
        DateOnly? closesOn,
        int? scoreThreshold,
        int? commentThreshold,
        int instrumentCount,
        int unitCount)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(title))
        {
            errors["title"] = ["The title is required."];
        }
        else if (title.Length > MaxTitleLength)
        {
            errors["title"] = [$"The title must be at most {MaxTitleLength} characters."];
        }

        if (opensOn is null)
        {
            errors["opensOn"] = ["The opening date is required (yyyy-mm-dd)."];
        }

        if (closesOn is null)
        {
            errors["closesOn"] = ["The closing date is required (yyyy-mm-dd)."];
        }
        else if (opensOn is not null && closesOn < opensOn)
        {
            errors["closesOn"] = ["The closing date must be on or after the opening date."];
        }

        if (scoreThreshold is < DisclosureThresholds.Minimum)
        {
            errors["scoreThreshold"] = [$"The score threshold must be at least {DisclosureThresholds.Minimum}."];
        }

        if (commentThreshold is < DisclosureThresholds.Minimum)
        {
            errors["commentThreshold"] = [$"The comment threshold must be at least {DisclosureThresholds.Minimum}."];
        }

        if (instrumentCount == 0)
        {
            errors["instruments"] = ["Choose at least one instrument."];
        }

        if (unitCount == 0)
        {
            errors["units"] = ["Choose at least one unit."];
        }

        return errors;
    }
}
