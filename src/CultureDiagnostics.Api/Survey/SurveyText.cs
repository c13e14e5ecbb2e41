using System.Globalization;

namespace CultureDiagnostics.Api.Survey;

/// <summary>
/// Every word of the respondent's pages and the poster that does not come from an instrument file,
/// in one place so that it can be translated. The wording of questions comes from surveys/.
/// </summary>
public sealed record SurveyText
{
    public static SurveyText EnglishGb { get; } = new();

    public string Language { get; init; } = "en-GB";
    public string SkipLink { get; init; } = "Skip to main content";
    public string RunBy { get; init; } = "Run by {0}";
    public string CountedIn { get; init; } = "Your answers are counted with: {0}";
    public string Duration { get; init; } = "It takes about {0} minutes.";
    public string Questions { get; init; } = "{0} questions";
    public string AnonymityHeading { get; init; } = "Your answers are anonymous";
    public string AnonymityNothingRecorded { get; init; } = "We do not record your name, device, address or the time you answered.";
    public string AnonymityThresholds { get; init; } = "Results are only shown for groups of {0} or more; comments only for groups of {1} or more.";
    public string AnonymityComments { get; init; } = "If you write a comment, please do not include names. Names, e-mail addresses, phone numbers and NHS numbers are removed from comments, and a member of the change team reads each comment before it is published and can remove more.";
    public string AnonymityProgress { get; init; } = "Your answers in progress stay on this device until you send them, for two hours after your last answer at most.";
    public string ClosesOn { get; init; } = "The survey closes on {0}.";
    public string Start { get; init; } = "Start the survey";
    public string Continue { get; init; } = "Continue where you left off";
    public string Next { get; init; } = "Next";
    public string Back { get; init; } = "Back";
    public string Send { get; init; } = "Send my answers";
    public string Progress { get; init; } = "Question {0} of {1}";
    public string Optional { get; init; } = "(optional)";
    public string CommentHint { get; init; } = "Please do not include names. Names, e-mail addresses, phone numbers and NHS numbers are removed. You can leave this empty.";
    public string CommentLimit { get; init; } = "Up to {0} characters.";
    public string DemographicHint { get; init; } = "Optional. Only used for groups large enough to protect you.";
    public string Decline { get; init; } = "Prefer not to say";
    public string ReviewHeading { get; init; } = "Ready to send";
    public string ReviewBody { get; init; } = "You have answered all the questions. When you send your answers they cannot be changed or traced back to you.";
    public string ErrorSummaryHeading { get; init; } = "There is a problem";
    public string ErrorChoose { get; init; } = "Choose an answer";
    public string ErrorInvalid { get; init; } = "Choose one of the answers shown";
    public string ErrorTooLong { get; init; } = "Your comment must be {0} characters or fewer";
    public string ThanksHeading { get; init; } = "Thank you";
    public string ThanksBody { get; init; } = "Your answers have been received. You can close this page.";
    public string ThanksAlready { get; init; } = "Your answers had already been received; they are counted once. You can close this page.";
    public string NextHeading { get; init; } = "What happens next";
    public string NextResults { get; init; } = "The survey closes on {0}. Then {1}'s change team looks at the results of every group of {2} or more people, never anyone's own answers, and shares what it finds and what it will do.";
    public string NextComments { get; init; } = "A comment you wrote is read by a member of the change team before anyone else sees it, without your name or your team.";
    public string SupportHeading { get; init; } = "If something is troubling you";
    public string SupportIntro { get; init; } = "This survey is anonymous, so nobody can follow up on what you said in it. If you need to raise a concern or want support:";
    public string SupportSpeakUp { get; init; } = "speak to {0}'s Freedom to Speak Up guardian, in confidence";
    public string SupportSpeakUpLink { get; init; } = "Freedom to Speak Up at {0}";
    public string SupportWellbeing { get; init; } = "look after yourself with {0}'s staff wellbeing support";
    public string SupportWellbeingLink { get; init; } = "Staff wellbeing support at {0}";
    public string PrivacyNotice { get; init; } = "How {0} looks after information from this survey: its privacy notice";
    public string QueuedHeading { get; init; } = "Saved on this phone";
    public string QueuedBody { get; init; } = "You are offline. Your answers are saved on this phone and will be sent automatically when the connection returns. Keep this page open, or open the link again later.";
    public string SendFailed { get; init; } = "Your answers could not be sent. Please try again.";
    public string NotFoundTitle { get; init; } = "Survey not found";
    public string NotFoundBody { get; init; } = "No survey has this link. Check the link, or scan the code on the poster again.";
    public string NotOpenTitle { get; init; } = "This survey is not open yet";
    public string NotOpenBody { get; init; } = "'{0}' opens on {1}. Please come back then.";
    public string ClosedTitle { get; init; } = "This survey has closed";
    public string ClosedBody { get; init; } = "'{0}' closed on {1}. Thank you for your interest.";
    public string TooManyRequestsTitle { get; init; } = "Please wait a moment";
    public string TooManyRequestsBody { get; init; } = "A lot of answers are being sent from your network just now. Wait {0} seconds, then go back and press the button again: your answers so far are kept.";
    public string ExpiredTitle { get; init; } = "Please start again";
    public string ExpiredBody { get; init; } = "Your answers in progress could not be read, perhaps because the page was left open too long. Nothing was stored.";
    public string StartAgain { get; init; } = "Start again";
    public string ResumeNote { get; init; } = "Answers from earlier are kept on this device. Continue where you left off, or start again to clear them, for example if someone else began the survey on this device.";
    public string PosterHeading { get; init; } = "Tell us what it is like to work here";
    public string PosterScan { get; init; } = "Scan the code with your phone's camera, or type the link:";
    public string PosterQrAlt { get; init; } = "QR code for {0}";
    public string PosterPrint { get; init; } = "Print this poster";
    public string PosterUnitNotFound { get; init; } = "This campaign has no such unit.";

    public string Format(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);

    public string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
