namespace CultureDiagnostics.Application.Results;

/// <summary>
/// Whose results a reader may read: the whole organisation (administrators, analysts, the board), or a unit lead's
/// unit and every unit below it in the campaign's own structure. A unit lead reads the same published figures as
/// everyone else, only fewer of them (a part of what the board may read can give away nothing the whole does not),
/// and beside them the organisation's own figures, which every member of staff is shown.
/// </summary>
public sealed record ResultsReach(string? UnitCode)
{
    public static ResultsReach Organisation { get; } = new((string?)null);

    public bool Whole => UnitCode is null;

    /// <summary>The rows of the reader's part of a tree given in tree order: their unit's row and the deeper rows that follow it.</summary>
    public IReadOnlyList<T> Within<T>(IReadOnlyList<T> rowsInTreeOrder, Func<T, string> code, Func<T, int> depth)
    {
        if (Whole)
        {
            return rowsInTreeOrder;
        }

        var start = -1;
        for (var i = 0; i < rowsInTreeOrder.Count && start < 0; i++)
        {
            start = string.Equals(code(rowsInTreeOrder[i]), UnitCode, StringComparison.OrdinalIgnoreCase) ? i : -1;
        }

        if (start < 0)
        {
            return [];
        }

        var rows = new List<T> { rowsInTreeOrder[start] };
        for (var i = start + 1; i < rowsInTreeOrder.Count && depth(rowsInTreeOrder[i]) > depth(rowsInTreeOrder[start]); i++)
        {
            rows.Add(rowsInTreeOrder[i]);
        }

        return rows;
    }
}
