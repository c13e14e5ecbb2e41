namespace CultureDiagnostics.Data.Accounts;

public static class Roles
{
    public const string Administrator = "administrator";
    public const string Analyst = "analyst";
    public const string Board = "board";

    public static IReadOnlyList<string> All { get; } = [Administrator, Analyst, Board];
}

public sealed record Account(string Id, string Email, string DisplayName, string Role);

public enum SignInOutcome
{
    Success,
    WrongCredentials,
    LockedOut,
}
