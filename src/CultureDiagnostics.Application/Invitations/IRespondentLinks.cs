namespace CultureDiagnostics.Application.Invitations;

/// <summary>The address a respondent follows for an access code (the web host knows its public address; e-mails need it).</summary>
public interface IRespondentLinks
{
    string RespondentLink(string accessCode);
}
