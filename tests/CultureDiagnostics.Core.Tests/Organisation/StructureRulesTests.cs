using CultureDiagnostics.Core.Organisation;

namespace CultureDiagnostics.Core.Tests.Organisation;

public sealed class StructureRulesTests
{
    private static readonly Unit[] Existing = [new("1", "ORG", "Trust", null, null), new("2", "DIR", "Directorate", "1", null)];

    [Fact]
    public void ValidBatchUnderAnExistingTreeHasNoErrors()
    {
        var errors = StructureRules.ValidateImport([new("T1", "Team 1", "DIR", 5), new("T2", "Team 2", "T1", null)], Existing, [2, 3]);
        Assert.Empty(errors);
    }

    [Fact]
    public void ParentLaterInTheSameBatchIsAccepted()
    {
        var errors = StructureRules.ValidateImport([new("T2", "Team 2", "T1", null), new("T1", "Team 1", "DIR", 5)], Existing, [2, 3]);
        Assert.Empty(errors);
    }

    [Fact]
    public void SecondRootIsRejected()
    {
        var error = Assert.Single(StructureRules.ValidateImport([new("OTHER", "Other trust", null, null)], Existing, [2]));
        Assert.Equal(("parent_code", 2), (error.Field, error.Row));
    }

    [Fact]
    public void LoopOfThreeIsRejectedOnEveryRowInIt()
    {
        var errors = StructureRules.ValidateImport(
            [new("A", "A", "C", null), new("B", "B", "A", null), new("C", "C", "B", null)], Existing, [2, 3, 4]);
        Assert.Equal([2, 3, 4], errors.Select(e => e.Row!.Value));
        Assert.All(errors, e => Assert.Contains("loop", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void CodesAreUniqueIgnoringCase()
    {
        var errors = StructureRules.ValidateImport([new("t1", "Team", "DIR", null), new("T1", "Team", "DIR", null), new("org", "Trust", "DIR", null)], Existing, [2, 3, 4]);
        Assert.Contains(errors, e => e.Row == 3 && e.Message.Contains("row 2", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Row == 4 && e.Message.Contains("already exists", StringComparison.Ordinal));
    }

    [Fact]
    public void TreeNamesLevelsByDepthAndLeavesAreTeams()
    {
        var tree = new OrganisationTree([.. Existing, new("3", "DEP", "Department", "2", null), new("4", "T", "Team", "3", null), new("5", "SMALL", "Small team", "2", null)]);
        Assert.Equal(["organisation", "directorate", "department", "team", "team"], new[] { "1", "2", "3", "4", "5" }.Select(tree.LevelOf));
        Assert.Equal(["3", "2", "1"], tree.AncestorsOf("4").Select(u => u.Id));
        Assert.Equal(5, tree.SubtreeOf("1").Count());
    }
}
