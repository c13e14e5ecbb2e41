using System.Reflection;
using CultureDiagnostics.Application.Results;
using CultureDiagnostics.Core.Disclosure;

namespace CultureDiagnostics.Api.Tests.Anonymity;

/// <summary>
/// Every number that leaves the disclosure gate declares the population it rests on ([RestsOn] on the number, or
/// on the shape or the property holding it), so a new kind of figure cannot be published without saying whose
/// answers it describes. The auditor then checks, over real campaigns, that each declared population is the one
/// disclosure control decided on.
/// </summary>
public sealed class PopulationDeclarationTests
{
    [Fact]
    public void EveryNumberTheGatePublishesDeclaresItsPopulation()
    {
        var roots = typeof(ResultsPublisher).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.ReturnType)
            .ToList();
        var undeclared = new List<string>();
        var numbers = 0;
        foreach (var root in roots)
        {
            Walk(Unwrap(root), Unwrap(root).Name, declared: null, undeclared, ref numbers, []);
        }

        Assert.True(numbers > 40, $"Only {numbers} numbers were found: the walk missed the published shapes.");
        Assert.True(undeclared.Count == 0, "Published numbers without a declared population:\n" + string.Join("\n", undeclared.Distinct()));
    }

    private static void Walk(Type type, string path, Population? declared, List<string> undeclared, ref int numbers, HashSet<Type> seen)
    {
        if (type.Namespace?.StartsWith("CultureDiagnostics", StringComparison.Ordinal) != true || !seen.Add(type))
        {
            return;
        }

        declared = type.GetCustomAttribute<RestsOnAttribute>()?.Population ?? declared;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var here = property.GetCustomAttribute<RestsOnAttribute>()?.Population ?? declared;
            var propertyType = Unwrap(property.PropertyType);
            if (IsNumber(propertyType))
            {
                numbers++;
                if (here is null)
                {
                    undeclared.Add($"{path}.{property.Name}");
                }
            }
            else
            {
                Walk(propertyType, $"{path}.{property.Name}", here, undeclared, ref numbers, [.. seen]);
            }
        }
    }

    private static bool IsNumber(Type type) =>
        type == typeof(PublishedCount) || type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal);

    /// <summary>The shape inside a task, a Published&lt;T&gt;, a nullable or a list.</summary>
    private static Type Unwrap(Type type)
    {
        while (true)
        {
            if (Nullable.GetUnderlyingType(type) is { } inner)
            {
                type = inner;
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
                && (definition == typeof(Task<>) || definition == typeof(Published<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>)))
            {
                type = type.GetGenericArguments()[0];
            }
            else
            {
                return type;
            }
        }
    }
}
