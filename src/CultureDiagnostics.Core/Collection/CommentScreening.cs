using System.Text.RegularExpressions;
using static CultureDiagnostics.Core.Collection.NameLists;

namespace CultureDiagnostics.Core.Collection;

/// <summary>What a stretch of a comment may give away.</summary>
public enum SuspectKind
{
    /// <summary>A person's name, or a capitalised word that may be one.</summary>
    Name,

    /// <summary>A place small enough to point at a team or a person: "Ward 7", "Ash ward", "the front desk on level 2".</summary>
    Place,

    /// <summary>A role held by one person: "the ward sister", "our matron", "the new band 7", "my manager".</summary>
    Role,
}

/// <summary>A stretch of a comment the screening suspects, and why.</summary>
public sealed record Suspect(TextSpan Span, SuspectKind Kind)
{
    /// <summary>The reason in a word or two, shown beside the highlight so that it does not rest on colour.</summary>
    public string Why => Kind switch
    {
        SuspectKind.Name => "name",
        SuspectKind.Place => "place",
        _ => "role held by one person",
    };
}

/// <summary>
/// Reads a comment for the reviewer and points at what may identify someone, for them to decide: names (those the
/// automatic redaction finds, which it may have missed in comments stored before it improved, and any capitalised
/// word in the middle of a sentence it does not know), places and roles that point at one person. It suggests;
/// the reviewer removes (<see cref="ReviewerRedaction"/>). It cannot know every ward's nickname or who is "the tall
/// one on nights": that is why a person reviews.
/// </summary>
public static partial class CommentScreening
{
    private const string PlaceWords = "ward|bay|bed|room|theatre|level|floor|unit|wing|block|clinic|suite|pod|zone|corridor";

    // "Ward 7", "bay 3", "level 2", "Theatre B".
    [GeneratedRegex($@"\b(?:{PlaceWords})\s+(?:\d+[a-z]?\b|(?-i:[A-Z])\b)", RegexOptions.IgnoreCase)]
    private static partial Regex NumberedPlacePattern();

    // "Ash ward", "Maple Ward", "the Rowan unit", "St Mary's hospital".
    [GeneratedRegex(@"\b(?:St\.?\s+)?(?:[A-Z][a-z'’]+\s+){1,2}(?i:ward|unit|wing|clinic|suite|centre|center|department|house|lodge|building|hospital|surgery|practice|site|campus)\b")]
    private static partial Regex NamedPlacePattern();

    // "ash ward" in lower case: any word before "ward" but a determiner or a word that only describes it ("the busy ward").
    [GeneratedRegex(@"\b(?<name>[a-z][a-z'’]+)\s+ward\b")]
    private static partial Regex LowerCaseWardPattern();

    // Spots everyone in a small place knows: "the front desk", "the nurses' station", "reception".
    [GeneratedRegex(@"\b(?:(?:front|main|reception|nurses['’]?|nursing)\s+(?:desk|station|office)|reception|staff\s+room|sluice|car\s+park)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpotPattern();

    // Places joined into one: "the front desk" + "on" + "level 2".
    [GeneratedRegex(@"^\s+(?:on|at|in|of|by|near)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceJoinPattern();

    // A role with "the", "our", "my" (one person, not "a manager"), optionally "new", "ward", "line"..., singular.
    [GeneratedRegex(@"\b(?:the|our|my|their|your|his|her)\s+(?:(?:new|old|current|former|previous|acting|interim|deputy|senior|junior|only|night|day|ward|charge|line|clinical|practice|unit|team|department|service|site)\s+){0,2}(?:sister|matron|manager|consultant|lead|leader|supervisor|director|boss|registrar|receptionist|coordinator|co-ordinator|educator|administrator|secretary|ceo|head(?:\s+of\s+[a-z]+)?|deputy|band\s*\d+|charge\s+nurse|team\s+leader)(?![\w-])", RegexOptions.IgnoreCase)]
    private static partial Regex RolePattern();

    // "the only male nurse", "our only pharmacist", "the only one on nights": "only" makes anyone one person.
    [GeneratedRegex(@"\b(?:the|our|my)\s+only\s+(?:[a-z]+\s+){0,2}(?:one|man|woman|male|female|person|member|nurse|doctor|porter|cleaner|pharmacist|physio|physiotherapist|midwife|hca|therapist|receptionist|consultant|surgeon|registrar|student|apprentice|manager|worker|carer|assistant|technician|radiographer|paramedic|dietitian|psychologist)(?![\w-])", RegexOptions.IgnoreCase)]
    private static partial Regex OnlyOnePattern();

    private static readonly HashSet<string> WardDescriptions = new(
        "the a an this that our my your their his her its whole busy same other new old next own quiet big small main every each one another any no on to per from same short-staffed".Split(' '),
        StringComparer.Ordinal);

    /// <summary>Every suspect in <paramref name="text"/>, in order, not overlapping (the longer wins where two meet).</summary>
    public static IReadOnlyList<Suspect> Screen(string text)
    {
        var found = new List<Suspect>();
        found.AddRange(NameFinder.Find(text).Select(s => new Suspect(s, SuspectKind.Name)));
        found.AddRange(Places(text));
        found.AddRange(Matches(RolePattern(), text, SuspectKind.Role));
        found.AddRange(Matches(OnlyOnePattern(), text, SuspectKind.Role));
        found.AddRange(PossibleNames(text).Select(s => new Suspect(s, SuspectKind.Name)));

        var kept = new List<Suspect>();
        foreach (var suspect in found.OrderByDescending(s => s.Span.Length).ThenBy(s => s.Span.Start))
        {
            if (kept.All(k => !k.Span.Overlaps(suspect.Span)))
            {
                kept.Add(suspect);
            }
        }

        return [.. kept.OrderBy(s => s.Span.Start)];
    }

    private static List<Suspect> Places(string text)
    {
        var spans = Matches(NumberedPlacePattern(), text, SuspectKind.Place)
            .Concat(NamedPlacePattern().Matches(text).Select(m => NamedPlace(text, new TextSpan(m.Index, m.Length))).OfType<Suspect>())
            .Concat(Matches(SpotPattern(), text, SuspectKind.Place))
            .Concat(LowerCaseWardPattern().Matches(text)
                .Where(m => !WardDescriptions.Contains(m.Groups["name"].Value))
                .Select(m => new Suspect(new TextSpan(m.Index, m.Length), SuspectKind.Place)))
            .Select(s => s.Span)
            .OrderBy(s => s.Start).ThenByDescending(s => s.Length)
            .ToList();

        // Overlapping places, and places joined by "on", "at" or "in", become one.
        var merged = new List<TextSpan>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && (merged[^1].End >= span.Start || PlaceJoinPattern().IsMatch(text[merged[^1].End..span.Start])))
            {
                var last = merged[^1];
                merged[^1] = new TextSpan(last.Start, Math.Max(last.End, span.End) - last.Start);
            }
            else
            {
                merged.Add(span);
            }
        }

        return [.. merged.Select(s => new Suspect(s, SuspectKind.Place))];
    }

    /// <summary>
    /// Capitalised words in the middle of a sentence that are neither known words of a hospital nor a month or day:
    /// often a name the lists do not hold ("I asked Olu", "Priyanka's rota").
    /// </summary>
    private static IEnumerable<TextSpan> PossibleNames(string text) =>
        NameFinder.Words(text)
            .Where(w => w.Capitalised && !w.SentenceStart && w.End - w.Start > 1 && !NotNames.Contains(w.Key) && !PlaceNouns.Contains(w.Key))
            .Select(w => new TextSpan(w.Start, w.NameEnd - w.Start));

    /// <summary>A named place without the words before its name ("The Rowan unit" is "Rowan unit"); none if no name is left ("The Unit").</summary>
    private static Suspect? NamedPlace(string text, TextSpan span)
    {
        var words = NameFinder.Words(text[span.Start..span.End]);
        var first = words.FindIndex(w => !NotNames.Contains(w.Key));
        return first < 0 || first == words.Count - 1
            ? null
            : new Suspect(new TextSpan(span.Start + words[first].Start, span.Length - words[first].Start), SuspectKind.Place);
    }

    private static IEnumerable<Suspect> Matches(Regex pattern, string text, SuspectKind kind) =>
        pattern.Matches(text).Select(m => new Suspect(new TextSpan(m.Index, m.Length), kind));
}
