using System.Numerics;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

/// <summary>
/// Arithmetic modulo the prime 2^61 − 1, for the search's many small rank tests. A rank modulo a prime is never
/// more than the rank over the rationals (reduction maps a dependency with coprime integer coefficients to a
/// non-zero one), so a search that finds no dependency modulo the prime has proved there is none; every dependency
/// it does find is confirmed with exact rational arithmetic before it is reported.
/// </summary>
public static class Modular
{
    public const ulong Prime = 2305843009213693951;

    public static ulong Of(BigInteger value)
    {
        var r = value % Prime;
        return (ulong)(r.Sign < 0 ? r + Prime : r);
    }

    public static ulong Mul(ulong a, ulong b) => (ulong)((UInt128)a * b % Prime);

    public static ulong Sub(ulong a, ulong b) => a >= b ? a - b : a + (Prime - b);

    public static ulong Inverse(ulong a)
    {
        ulong result = 1, exponent = Prime - 2;
        while (exponent > 0)
        {
            if ((exponent & 1) == 1)
            {
                result = Mul(result, a);
            }

            a = Mul(a, a);
            exponent >>= 1;
        }

        return result;
    }
}
