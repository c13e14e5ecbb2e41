namespace CultureDiagnostics.Core.Tests.Collection;

/// <summary>
/// Comments as staff write them, with every person's name marked in braces: the names that must go, and ordinary
/// sentences (many with words that are also names: will, mark, hope, grace, may, bill, sue, rose, dawn, pat) that must
/// come out unchanged. <see cref="Hard"/> holds sentences the automatic redaction is not expected to get right; they
/// count in the measured precision and recall, and the reviewer's screening is there for them.
/// </summary>
public static class RedactionCorpus
{
    public static readonly string[] Names =
    [
        "Call {John Smith} about the rota.",
        "{john smith} said the rota was fixed.",
        "If you need cover ask {sarah}, she always helps.",
        "I told {Sarah Thompson} about it.",
        "The manager asked {Mohammed} to stay late.",
        "{Dr Patel} and {Sister Jones} were great.",
        "{dr patel} never listens on the ward round.",
        "Thanks to {Priya} for covering my shift.",
        "ask {will} about the new rota, he wrote it.",
        "I think {Will} was right about staffing.",
        "{Will Jones} said the rota was unfair.",
        "Nobody listens except {Mark}.",
        "{mark} said we should all stay late again.",
        "I spoke to {sue} about it and nothing happened.",
        "{sue} said nobody would find out.",
        "{john} and {sue} run the night shift between them.",
        "Please thank {Grace} for organising the training.",
        "{Rose Tyler} has been amazing with new starters.",
        "{pat} says we cannot take breaks until the ward is quiet.",
        "{Dawn} shouted at a student in front of patients.",
        "We all know {Bill} takes the credit for other people's work.",
        "Told {may} about the broken hoist twice.",
        "{Hope} said she would raise it with the board.",
        "Since {Karen} left, nobody checks the controlled drugs.",
        "{Steve}'s bullying has to stop.",
        "{Michelle O'Brien} is the best manager I have had.",
        "Our band 6 {Lisa} is brilliant with families.",
        "{J Smith} in estates never answers emails.",
        "Ring {Tom} if the bleep goes down.",
        "{Anne-Marie} works harder than anyone on the unit.",
        "{Mr. Khan} was rude to the receptionist.",
        "I reported it to {Matron Davies} and heard nothing.",
        "Everyone knows {kevin} drinks on shift.",
        "Tell {Kelly Evans} the audit is late.",
        "{Chris} and {Rob} argue in front of patients.",
        "Honestly {Gary} needs to go.",
        "The night team are great, especially {Fatima}.",
        "Email {jenny} if you want leave, not the manager.",
        "{Ruby} said she would leave if nothing changes.",
        "I asked {Patel} for help and was ignored.",
    ];

    public static readonly string[] Ordinary =
    [
        "We need more staff on nights. Handover is rushed.",
        "Ward 12 had 3 incidents in 2025 and the rota changed on 14 03 2026.",
        "The Friends and Family Test score dropped.",
        "I will ask for help if I need it.",
        "Will this ever change?",
        "Please mark the handover sheet before you leave.",
        "Mark my words, people will leave.",
        "We hope things improve after the review.",
        "Hope is running low on this ward.",
        "There is little grace given when mistakes happen.",
        "Grace under pressure is expected but never thanked.",
        "Staff may leave early if the ward is quiet.",
        "May I suggest protected time for supervision.",
        "In May the rota changed without warning.",
        "The bill for agency staff is huge.",
        "Patients sue when communication breaks down.",
        "Sickness rose sharply over the winter.",
        "Morale rose after the away day.",
        "We work from dawn till dusk some weeks.",
        "Dawn shifts are the hardest to fill.",
        "A pat on the back would go a long way.",
        "The answers we get are too pat.",
        "Nobody will say it, but the culture is closed.",
        "It will take years to rebuild trust.",
        "Good will only lasts so long.",
        "The call will be recorded for training purposes.",
        "We were told the new system will save time.",
        "I asked if we could have more time for training.",
        "Our manager always makes time to listen.",
        "The daily huddle has made a real difference.",
        "Thank you to everyone who covered during the outbreak.",
        "The rose garden outside outpatients is a lovely place to sit.",
        "We mark the end of each shift with a quick debrief.",
        "Our hope is that the board reads this.",
        "There is a grace period for mandatory training, apparently.",
        "Equipment may be broken for weeks before anyone fixes it.",
        "The doctors and nurses work well together in theatres.",
        "The NHS staff survey results were ignored again.",
        "On Monday the clinic ran two hours late.",
        "We had a visit from the CQC in April.",
    ];

    /// <summary>Beyond what word lists can know: a rare name in lower case, a surname that is a word, a name used as a word.</summary>
    public static readonly string[] Hard =
    [
        "ask {priyanka} about the rota.",
        "{sarah} {may} said it would be sorted.",
        "{Olu} covered my shift again.",
    ];
}
