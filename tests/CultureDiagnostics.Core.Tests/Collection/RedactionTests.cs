using CultureDiagnostics.Core.Collection;

namespace CultureDiagnostics.Core.Tests.Collection;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("Email me at jo.bloggs@nhs.net please", "Email me at [e-mail removed] please")]
    [InlineData("Ring 07700 900123 or +44 20 7946 0958", "Ring [phone number removed] or [phone number removed]")]
    [InlineData("Call (01632) 960 001 anytime", "Call [phone number removed] anytime")]
    [InlineData("Patient 943 476 5919 was moved", "Patient [NHS number removed] was moved")]
    [InlineData("Patient 9434765919 was moved", "Patient [NHS number removed] was moved")]
    [InlineData("Dr Patel and Sister Jones were great", "[name removed] and [name removed] were great")]
    [InlineData("I told Sarah Thompson about it", "I told [name removed] about it")]
    [InlineData("The manager asked Mohammed to stay late", "The manager asked [name removed] to stay late")]
    public void IdentifyingDetailsAreRemoved(string text, string expected) => Assert.Equal(expected, Redaction.Redact(text));

    [Theory]
    [InlineData("We need more staff on nights. Handover is rushed.")]
    [InlineData("Ward 12 had 3 incidents in 2025 and the rota changed on 14 03 2026.")]
    [InlineData("The Friends and Family Test score dropped.")]
    public void OrdinaryCommentsAreLeftAlone(string text) => Assert.Equal(text, Redaction.Redact(text));

    [Fact]
    public void TenDigitsWithoutAValidCheckDigitAreNotTakenForAnNhsNumber()
    {
        Assert.True(Redaction.IsValidNhsNumber("9434765919"));
        Assert.False(Redaction.IsValidNhsNumber("9434765918"));
        Assert.Equal("Reference 123 456 7890 logged", Redaction.Redact("Reference 123 456 7890 logged"));
    }
}
