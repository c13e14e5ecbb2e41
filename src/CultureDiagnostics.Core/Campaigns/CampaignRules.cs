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

        CheckThresholds(scoreThreshold, commentThreshold, required: false, errors);

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

    /// <summary>
    /// The thresholds' floors: scores at least <see cref="DisclosureThresholds.Minimum"/>; comments at least
    /// <see cref="DisclosureThresholds.MinimumComments"/> and never below the scores threshold, since a group too small
    /// for its scores is too small for its words. Without <paramref name="required"/>, a missing threshold takes its
    /// default (<see cref="DisclosureThresholds.DefaultCommentsFor"/> for comments) and is not an error.
    /// </summary>
    public static void CheckThresholds(int? scoreThreshold, int? commentThreshold, bool required, Dictionary<string, string[]> errors)
    {
        var needed = required ? "is required and " : "";
        if (required ? scoreThreshold is not >= DisclosureThresholds.Minimum : scoreThreshold is < DisclosureThresholds.Minimum)
        {
            errors["scoreThreshold"] = [$"The score threshold {needed}must be at least {DisclosureThresholds.Minimum}."];
        }

        if (required ? commentThreshold is not >= DisclosureThresholds.MinimumComments : commentThreshold is < DisclosureThresholds.MinimumComments)
        {
            errors["commentThreshold"] = [$"The comment threshold {needed}must be at least {DisclosureThresholds.MinimumComments}."];
        }
        else if (commentThreshold < scoreThreshold)
        {
            errors["commentThreshold"] = [$"The comment threshold must be at least the score threshold ({scoreThreshold})."];
        }
    }
}
