using CultureDiagnostics.Core.Organisation;

namespace CultureDiagnostics.Api.Demo;

/// <summary>The fictional Northbridge Valley NHS Foundation Trust used by the demo.</summary>
public static class DemoTrust
{
    public static readonly string[] InstrumentIds = ["leadership-behaviours", "psychological-safety", "team-reflexivity"];

    public static IReadOnlyList<ProposedUnit> Structure() =>
    [
        new("NVT", "Northbridge Valley NHS Foundation Trust", null, null),
        new("MED", "Medicine", "NVT", null),
        new("MED-AMU", "Acute Medical Unit", "MED", 48),
        new("MED-CARD", "Cardiology Ward", "MED", 36),
        new("MED-RESP", "Respiratory Ward", "MED", 32),
        new("MED-ED", "Emergency Department", "MED", 70),
        new("MED-DIAB", "Diabetes Specialist Nurses", "MED", 6),
        new("SUR", "Surgery", "NVT", null),
        new("SUR-THEA", "Main Theatres", "SUR", 64),
        new("SUR-ORTH", "Orthopaedic Ward", "SUR", 34),
        new("SUR-DSU", "Day Surgery Unit", "SUR", 24),
        new("SUR-ICU", "Critical Care", "SUR", 58),
        new("WAC", "Women's and Children's", "NVT", null),
        new("WAC-MAT", "Maternity Unit", "WAC", 52),
        new("WAC-NNU", "Neonatal Unit", "WAC", 28),
        new("WAC-PAED", "Children's Ward", "WAC", 30),
        new("CSS", "Clinical Support Services", "NVT", null),
        new("CSS-RAD", "Radiology", "CSS", 40),
        new("CSS-PATH", "Pathology", "CSS", 44),
        new("CSS-PHARM", "Pharmacy", "CSS", 26),
        new("CSS-PORT", "Portering", "CSS", 22),
        new("COR", "Corporate Services", "NVT", null),
        new("COR-HR", "People and Culture", "COR", 18),
        new("COR-FIN", "Finance", "COR", 16),
        new("COR-EST", "Estates and Facilities", "COR", 38),
        new("COR-BRD", "Executive Office", "COR", 7),
    ];

    /// <summary>Each team's culture, from about −1 (struggling) to +1 (thriving), so the demo has strengths and areas to develop.</summary>
    public static double TeamClimate(string code) => code switch
    {
        "MED-ED" => -0.7,
        "SUR-THEA" => -0.4,
        "MED-AMU" => -0.3,
        "CSS-PORT" => -0.2,
        "COR-EST" => -0.1,
        "WAC-NNU" => 0.9,
        "SUR-ICU" => 0.6,
        "CSS-PHARM" => 0.5,
        "WAC-MAT" => 0.3,
        _ => 0.15,
    };

    public static readonly IReadOnlyList<string> Comments =
    [
        "The daily huddle has made a real difference: we sort problems out before they grow.",
        "Staffing on nights is stretched and it feels like nobody above the ward sees it.",
        "My manager always makes time to listen, even on the busiest shifts.",
        "We are asked for ideas but rarely hear what happened to them.",
        "People are kind to each other here, but we are all tired.",
        "It would help to have protected time for team meetings.",
        "I feel able to raise concerns and they are taken seriously.",
        "Different professions still work in silos; joint training would help.",
        "Good induction for new starters, but less support after the first month.",
        "Recognition for the work we do would go a long way.",
        "Since the new band 7 started on Ash ward, handovers run on time.",
        "Whoever is on the front desk on level 2 takes the abuse and nobody backs them up.",
        "Our matron listens, but nothing she passes on gets a reply.",
        "I asked [name removed] for help with the rota and it was sorted the same day.",
    ];
}
