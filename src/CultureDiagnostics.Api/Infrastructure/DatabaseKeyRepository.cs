using System.Xml.Linq;
using CultureDiagnostics.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// Keeps ASP.NET Core's data-protection keys in the shared database, so sign-in cookies and the
/// sealed progress of a survey page, protected by one instance, are read by any other.
/// </summary>
public sealed class DatabaseKeyRepository(DataProtectionKeyStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => store.All().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName) => store.Store(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
