using System.Globalization;
using System.Text.RegularExpressions;
using CultureDiagnostics.Core.Collection;
using Xunit.Abstractions;

namespace CultureDiagnostics.Core.Tests.Collection;

/// <summary>
/// The automatic name redaction over <see cref="RedactionCorpus"/>: every marked name goes, every ordinary sentence
/// stays as written, and over the whole corpus (the hard sentences included) precision and recall are measured word by word.
/// </summary>
public sealed partial class RedactionCorpusTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"\{([^}]*)\}")]
    private static partial Regex MarkedName();

    public static TheoryData<string> Names() => [.. RedactionCorpus.Names];

    public static TheoryData<string> Ordinary() => [.. RedactionCorpus.Ordinary];

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryMarkedNameIsRemovedAndNothingElse(string marked) =>
        Assert.Equal(MarkedName().Replace(marked, Redaction.Name), Redaction.Redact(Plain(marked)));

    [Theory]
    [MemberData(nameof(Ordinary))]
    public void OrdinarySentencesComeOutUnchanged(string sentence) => Assert.Equal(sentence, Redaction.Redact(sentence));

    [Fact]
    public void PrecisionAndRecallOverTheWholeCorpusAreHigh()
    {
        var (truePositives, falsePositives, falseNegatives) = (0, 0, 0);
        foreach (var marked in RedactionCorpus.Names.Concat(RedactionCorpus.Ordinary).Concat(RedactionCorpus.Hard))
        {
            var plain = Plain(marked);
            var names = MarkedSpans(marked);
            var found = NameFinder.Find(plain);
            foreach (Match word in Regex.Matches(plain, @"\p{L}[\p{L}'’\-]*"))
            {
                var isName = names.Any(n => n.Start <= word.Index && word.Index < n.End);
                var redacted = found.Any(f => f.Start <= word.Index && word.Index < f.End);
                truePositives += isName && redacted ? 1 : 0;
                falsePositives += !isName && redacted ? 1 : 0;
                falseNegatives += isName && !redacted ? 1 : 0;
            }
        }

        var precision = truePositives / (double)(truePositives + falsePositives);
        var recall = truePositives / (double)(truePositives + falseNegatives);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Name redaction over {RedactionCorpus.Names.Length + RedactionCorpus.Ordinary.Length + RedactionCorpus.Hard.Length} sentences: precision {precision:0.000} ({truePositives} of {truePositives + falsePositives} words removed were names), recall {recall:0.000} ({truePositives} of {truePositives + falseNegatives} name words removed)."));
        Assert.True(precision >= 0.97, $"precision {precision:0.000}");
        Assert.True(recall >= 0.9, $"recall {recall:0.000}");
    }

    private static string Plain(string marked) => marked.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal);

    /// <summary>The marked names as spans of the plain sentence.</summary>
    private static List<TextSpan> MarkedSpans(string marked)
    {
        var spans = new List<TextSpan>();
        var removed = 0;
        foreach (Match match in MarkedName().Matches(marked))
        {
            spans.Add(new TextSpan(match.Index - removed, match.Groups[1].Length));
            removed += 2;
        }

        return spans;
    }
}
