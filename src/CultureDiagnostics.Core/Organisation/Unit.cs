namespace CultureDiagnostics.Core.Organisation;

/// <summary>A node of the organisation tree: the organisation itself, a directorate, a department or a team.</summary>
public sealed record Unit(string Id, string Code, string Name, string? ParentId, int? Headcount);
