namespace CultureDiagnostics.Data.Accounts;

public static class Roles
{
    public const string Administrator = "administrator";
    public const string Analyst = "analyst";
    public const string Board = "board";

    /// <summary>Reads the results of one unit and every unit below it (<see cref="Account.UnitId"/>), and that part's dashboard.</summary>
    public const string UnitLead = "unit-lead";

    public static IReadOnlyList<string> All { get; } = [Administrator, Analyst, Board, UnitLead];

    /// <summary>The roles that read the whole organisation's published results.</summary>
    public static IReadOnlyList<string> WholeOrganisation { get; } = [Administrator, Analyst, Board];
}

public sealed record Account(string Id, string Email, string DisplayName, string Role)
{
    /// <summary>Changes when the account is disabled, its role changes or its password is reset, ending its sessions.</summary>
    public long SessionVersion { get; init; }

    public bool Disabled { get; init; }

    /// <summary>A unit lead's unit (the top of the part of the tree they read); null for every other role.</summary>
    public string? UnitId { get; init; }

    /// <summary>The code of <see cref="UnitId"/>: how people and the API name it.</summary>
    public string? UnitCode { get; init; }

    /// <summary>False for an account the identity provider created: it has no password of its own until an administrator sets one.</summary>
    public bool HasPassword { get; init; } = true;

    /// <summary>Linked to an identity at the organisation's identity provider (OpenID Connect), which it can sign in with.</summary>
    public bool HasExternalIdentity { get; init; }
}

public enum SignInOutcome
{
    Success,
    WrongCredentials,

    /// <summary>The right password for an account an administrator has disabled.</summary>
    Disabled,
    LockedOut,
}
