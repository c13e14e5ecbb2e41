using System.Text.RegularExpressions;
using static CultureDiagnostics.Core.Collection.NameLists;

namespace CultureDiagnostics.Core.Collection;

/// <summary>
/// Finds people's names in a comment, word by word, so that a name is found wherever it stands: after a
/// capitalised word ("Call John Smith"), in lower case ("john smith said", "ask sarah"), after a title ("Dr Patel")
/// or an initial ("J Smith"). Given names that are also ordinary words ("will", "mark", "hope", "may") are names
/// only where the sentence uses them as one: capitalised in the middle of a sentence, before a surname, after
/// "ask" or "told", before "said", or beside another name ("john and sue"). A name nobody could know is a name
/// (a rare one, in lower case) is not found: the reviewer's screening flags capitalised words for that.
/// </summary>
public static partial class NameFinder
{
    [GeneratedRegex(@"\p{L}[\p{L}\p{M}'’\-]*")]
    private static partial Regex WordPattern();

    /// <summary>The names in <paramref name="text"/>, in order, not overlapping; a possessive "'s" is left outside the span.</summary>
    public static IReadOnlyList<TextSpan> Find(string text)
    {
        var words = Words(text);
        var name = new bool[words.Count];
        var spans = new List<(int First, int Last)>();
        for (var i = 0; i < words.Count; i++)
        {
            if (!name[i] && HeadAt(text, words, i) is { } head)
            {
                var last = Extend(text, words, head.Name);
                spans.Add((head.First, last));
                Array.Fill(name, true, head.First, last - head.First + 1);
            }
        }

        // Beside a name, an ambiguous word is one too: "john and sue said".
        for (var i = 0; i < words.Count; i++)
        {
            if (!name[i] && Ambiguous.Contains(words[i].Key) && !AfterDeterminer(text, words, i) && Coordinated(text, words, name, i))
            {
                spans.Add((i, i));
                name[i] = true;
            }
        }

        return [.. spans.OrderBy(s => s.First).Select(s => new TextSpan(words[s.First].Start, words[s.Last].NameEnd - words[s.First].Start))];
    }

    /// <summary>A word of a comment: its place, its lower-case form without a possessive, and how it is written.</summary>
    internal sealed record Word(int Start, int End, int NameEnd, string Key, bool Capitalised, bool SentenceStart)
    {
        public bool Initial => End - Start == 1 && Capitalised && Key is not ("i" or "a");
    }

    internal static List<Word> Words(string text)
    {
        var words = new List<Word>();
        foreach (Match match in WordPattern().Matches(text))
        {
            var value = match.Value.TrimEnd('-');
            var possessive = value.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || value.EndsWith("’s", StringComparison.OrdinalIgnoreCase) ? 2
                : value.EndsWith('\'') || value.EndsWith('’') ? 1 : 0;
            var key = value[..^possessive].ToLowerInvariant();
            var capitalised = char.IsUpper(value[0]) && (value.Length == 1 || value.Skip(1).Any(char.IsLower));
            words.Add(new Word(match.Index, match.Index + value.Length, match.Index + value.Length - possessive, key, capitalised, StartsSentence(text, match.Index)));
        }

        return words;
    }

    /// <summary>Whether a word begins a sentence: nothing before it, or an end of sentence, a new line or an opening quote.</summary>
    internal static bool StartsSentence(string text, int start)
    {
        for (var i = start - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is '\n' or '"' or '“' or '(' or '.' or '!' or '?' or ':' or ';' or '•')
            {
                return true;
            }

            if (!char.IsWhiteSpace(c) && c is not ('\'' or '‘' or '-' or '*'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where a name starts at word <paramref name="i"/>: its first word (a title or initial may come first) and the name word itself.</summary>
    private static (int First, int Name)? HeadAt(string text, List<Word> words, int i)
    {
        var word = words[i];
        var next = i + 1 < words.Count && SpacesBetween(text, words, i, i + 1, allowStop: true) ? words[i + 1] : null;
        if ((Titles.Contains(word.Key) && (word.Key != "miss" || word.Capitalised)) || (RoleTitles.Contains(word.Key) && word.Capitalised))
        {
            if (next is not null && !NotNames.Contains(next.Key)
                && (next.Capitalised || Given.Contains(next.Key) || Surnames.Contains(next.Key) || Ambiguous.Contains(next.Key)))
            {
                // "Dr Patel" goes whole; a role ("the nurse Sarah") keeps its word when written in lower case.
                return (i, i + 1);
            }
        }

        if (word.Initial && next is not null && (Surnames.Contains(next.Key) || (next.Capitalised && Given.Contains(next.Key))))
        {
            return (i, i + 1);
        }

        if (AfterSaint(text, words, i) || FollowedByPlace(text, words, i))
        {
            return null;
        }

        // In lower case after "the" or "a", a given name is a thing: "the mike", "a matt finish".
        if (IsGiven(word.Key) && (word.Capitalised || !AfterDeterminer(text, words, i)))
        {
            return (i, i);
        }

        if (Ambiguous.Contains(word.Key) && AmbiguousIsName(text, words, i))
        {
            return (i, i);
        }

        // A known surname on its own is a name where it is written as one: "I told Patel", "Patel said".
        return Surnames.Contains(word.Key) && word.Capitalised && !AfterDeterminer(text, words, i)
               && (!word.SentenceStart || FollowedBySpeech(text, words, i))
            ? (i, i)
            : null;
    }

    private static bool AmbiguousIsName(string text, List<Word> words, int i)
    {
        var word = words[i];
        if (AfterDeterminer(text, words, i))
        {
            return false;
        }

        var next = i + 1 < words.Count && SpacesBetween(text, words, i, i + 1) ? words[i + 1] : null;
        var surnameFollows = next is not null
            && (Surnames.Contains(next.Key) || (word.Capitalised && next.Capitalised && !NotNames.Contains(next.Key) && !Ambiguous.Contains(next.Key)));
        if (surnameFollows || FollowedBySpeech(text, words, i) || AfterTrigger(text, words, i))
        {
            return true;
        }

        // Capitalised mid-sentence is a name ("I think Will was right"), unless it is a month or part of a
        // title-case phrase ("the Health and Care Bill").
        var previous = i > 0 ? words[i - 1] : null;
        return word.Capitalised && !word.SentenceStart && !Months.Contains(word.Key)
               && previous is not { Capitalised: true, SentenceStart: false, Key: not "i" };
    }

    /// <summary>The last word of a name whose name word is <paramref name="name"/>: up to two surnames after it.</summary>
    private static int Extend(string text, List<Word> words, int name)
    {
        var last = name;
        while (last + 1 < words.Count && last - name < 2 && words[last].NameEnd == words[last].End && SpacesBetween(text, words, last, last + 1))
        {
            var next = words[last + 1];
            var surname = Surnames.Contains(next.Key)
                || (last == name && WordSurnames.Contains(next.Key) && !FollowedByPlace(text, words, last + 1))
                || (words[name].Capitalised && next.Capitalised && !NotNames.Contains(next.Key) && !IsGiven(next.Key) && !Ambiguous.Contains(next.Key)
                    && !FollowedByPlace(text, words, last + 1));
            if (!surname)
            {
                break;
            }

            last++;
        }

        return last;
    }

    private static bool IsGiven(string key) => Given.Contains(key) || (key.Contains('-', StringComparison.Ordinal) && Given.Contains(key.Split('-')[0]));

    private static bool Coordinated(string text, List<Word> words, bool[] name, int i)
    {
        bool Conjunction(int j) => j >= 0 && j < words.Count && words[j].Key is "and" or "or";
        return (i >= 2 && Conjunction(i - 1) && name[i - 2] && SpacesBetween(text, words, i - 2, i - 1) && SpacesBetween(text, words, i - 1, i))
               || (i + 2 < words.Count && Conjunction(i + 1) && name[i + 2] && SpacesBetween(text, words, i, i + 1) && SpacesBetween(text, words, i + 1, i + 2));
    }

    private static bool AfterDeterminer(string text, List<Word> words, int i) =>
        i > 0 && Determiners.Contains(words[i - 1].Key) && SpacesBetween(text, words, i - 1, i);

    private static bool AfterSaint(string text, List<Word> words, int i) =>
        i > 0 && words[i - 1].Key is "st" or "saint" && SpacesBetween(text, words, i - 1, i, allowStop: true);

    private static bool FollowedByPlace(string text, List<Word> words, int i) =>
        i + 1 < words.Count && PlaceNouns.Contains(words[i + 1].Key) && SpacesBetween(text, words, i, i + 1);

    private static bool FollowedBySpeech(string text, List<Word> words, int i) =>
        i + 1 < words.Count && SpeechVerbs.Contains(words[i + 1].Key) && SpacesBetween(text, words, i, i + 1);

    /// <summary>After "ask", "told" and the like ("ask will"), or "spoke to" ("spoke to sue"), where that word is a verb (not "the call").</summary>
    private static bool AfterTrigger(string text, List<Word> words, int i)
    {
        if (i > 0 && Triggers.Contains(words[i - 1].Key) && SpacesBetween(text, words, i - 1, i))
        {
            return !AfterDeterminer(text, words, i - 1);
        }

        return i > 1 && words[i - 1].Key == "to" && ToTriggers.Contains(words[i - 2].Key)
               && SpacesBetween(text, words, i - 2, i - 1) && SpacesBetween(text, words, i - 1, i);
    }

    /// <summary>Only spaces between two words (a full stop too when <paramref name="allowStop"/>: "Dr. Patel").</summary>
    private static bool SpacesBetween(string text, List<Word> words, int left, int right, bool allowStop = false)
    {
        var gap = text.AsSpan(words[left].End, words[right].Start - words[left].End);
        if (allowStop && gap.StartsWith("."))
        {
            gap = gap[1..];
        }

        return gap.Length > 0 && gap.IndexOfAnyExcept(' ', '\t') < 0;
    }
}
