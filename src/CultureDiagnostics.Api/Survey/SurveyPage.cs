using CultureDiagnostics.Application.Responses;
using CultureDiagnostics.Core.Campaigns;

namespace CultureDiagnostics.Api.Survey;

/// <summary>What every survey page shows about its campaign: the survey behind the link, and its screens.</summary>
public sealed record SurveyPage(SurveyAtCode Survey, SurveyFlow Flow)
{
    public string Code => Survey.Code;

    public Campaign Campaign => Survey.Campaign;

    /// <summary>Where each step is posted: the respondent's link itself.</summary>
    public string Action => "/s/" + Uri.EscapeDataString(Code);
}
