using System.Text.RegularExpressions;

namespace CultureDiagnostics.Core.Collection;

/// <summary>
/// Removes what could identify a person from a free-text comment before it is stored: e-mail
/// addresses, phone numbers, NHS numbers (10 digits with a valid modulus-11 check digit) and names
/// introduced by a title or role ("Dr Patel", "Sister Jones") or that are common given names
/// followed by a surname. Respondents are told this happens and asked not to write names.
/// </summary>
public static partial class Redaction
{
    public const string Email = "[e-mail removed]";
    public const string Phone = "[phone number removed]";
    public const string NhsNumber = "[NHS number removed]";
    public const string Name = "[name removed]";

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    // Ten digits, optionally grouped 3-3-4 with spaces or hyphens (how NHS numbers are written).
    [GeneratedRegex(@"(?<!\d)(\d{3})[ \-]?(\d{3})[ \-]?(\d{4})(?!\d)")]
    private static partial Regex TenDigitPattern();

    // UK numbers: +44 or 0, then 9 or 10 more digits, allowing spaces, hyphens and brackets.
    [GeneratedRegex(@"(?<![\d])(?:\+44\s?\(?0?\)?|\(?0)(?:[\s\-()]*\d){9,10}(?![\d])")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\b(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sister|Matron|Nurse|Sir|Dame|Consultant|Manager)\.?\s+(?:[A-Z][a-z'\-]+)(?:\s+[A-Z][a-z'\-]+)?")]
    private static partial Regex TitledNamePattern();

    [GeneratedRegex(@"\b[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)?\b")]
    private static partial Regex CapitalisedWordsPattern();

    public static string Redact(string text)
    {
        var result = EmailPattern().Replace(text, Email);
        result = TenDigitPattern().Replace(result, m => IsValidNhsNumber(m.Groups[1].Value + m.Groups[2].Value + m.Groups[3].Value) ? NhsNumber : m.Value);
        result = PhonePattern().Replace(result, Phone);
        result = TitledNamePattern().Replace(result, Name);
        result = CapitalisedWordsPattern().Replace(result, m =>
            CommonGivenNames.Contains(m.Value.Split(' ')[0]) && (m.Value.Contains(' ', StringComparison.Ordinal) || m.Index > 0) ? Name : m.Value);
        return result;
    }

    /// <summary>The NHS number check: weights 10..2 on the first nine digits, 11 − (sum mod 11) is the tenth (11 → 0; 10 is invalid).</summary>
    public static bool IsValidNhsNumber(string digits)
    {
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        check = check == 11 ? 0 : check;
        return check != 10 && check == digits[9] - '0';
    }

    // Common given names in UK staff records. A lone capitalised word at the start of a sentence
    // ("Grace was...") is still caught when it is mid-text; words that are also ordinary English
    // (Will, May, Faith, Hope...) are left out to keep comments readable.
    private static readonly HashSet<string> CommonGivenNames = new(StringComparer.Ordinal)
    {
        "Aaron", "Adam", "Adrian", "Ahmed", "Aisha", "Alan", "Alex", "Alexander", "Ali", "Alice", "Alison", "Amanda", "Amelia", "Amir",
        "Amy", "Andrea", "Andrew", "Angela", "Ann", "Anna", "Anne", "Anthony", "Anya", "Arjun", "Ashley", "Barbara", "Ben", "Benjamin",
        "Beth", "Bethany", "Brian", "Carl", "Carol", "Caroline", "Catherine", "Charlie", "Charlotte", "Chloe", "Chris", "Christine",
        "Christopher", "Claire", "Colin", "Craig", "Daniel", "Darren", "David", "Dean", "Deborah", "Debbie", "Dennis", "Diane", "Donna",
        "Ed", "Edward", "Eleanor", "Elizabeth", "Ella", "Ellie", "Emily", "Emma", "Fatima", "Fiona", "Gareth", "Gary", "Gemma", "George",
        "Georgia", "Graham", "Hannah", "Harry", "Hassan", "Helen", "Ian", "Imran", "Isabella", "Jack", "Jacob", "James", "Jane", "Janet",
        "Jason", "Jennifer", "Jenny", "Jessica", "Joanne", "John", "Jonathan", "Joseph", "Josh", "Joshua", "Julie", "Karen", "Kate",
        "Katherine", "Kathryn", "Keith", "Kelly", "Kevin", "Kieran", "Laura", "Lauren", "Leanne", "Lee", "Linda", "Lisa", "Louise", "Lucy",
        "Luke", "Mandy", "Margaret", "Maria", "Mark", "Martin", "Mary", "Matthew", "Megan", "Michael", "Michelle", "Mohammed", "Mohammad",
        "Muhammad", "Naomi", "Natalie", "Neil", "Nicola", "Nicholas", "Nikki", "Oliver", "Olivia", "Omar", "Owen", "Paul", "Peter", "Philip",
        "Priya", "Rachel", "Rebecca", "Richard", "Robert", "Ryan", "Sam", "Samantha", "Samuel", "Sandra", "Sarah", "Scott", "Sharon",
        "Simon", "Sophie", "Stephen", "Steven", "Stuart", "Susan", "Tariq", "Thomas", "Tom", "Tony", "Tracey", "Victoria", "Wendy", "William", "Yusuf", "Zara",
    };
}
