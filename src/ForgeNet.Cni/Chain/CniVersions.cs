namespace ForgeNet.Cni.Chain;

/// <summary>Comparisons of CNI spec versions ("0.3.1", "1.1.0"), for the features that depend on them.</summary>
public static class CniVersions
{
    /// <summary>True when <paramref name="version"/> is at least <paramref name="minimum"/>; an unparsable version is treated as old.</summary>
    public static bool AtLeast(string version, string minimum) =>
        TryParse(version, out var v) && TryParse(minimum, out var m) && v >= m;

    /// <summary>CHECK, and prevResult on DEL, exist from 0.4.0 on.</summary>
    public static bool HasCheck(string version) => AtLeast(version, "0.4.0");

    /// <summary>GC and STATUS exist from 1.1.0 on.</summary>
    public static bool HasGcAndStatus(string version) => AtLeast(version, "1.1.0");

    /// <summary>Parses "MAJOR.MINOR.PATCH" (each a decimal number).</summary>
    public static bool TryParse(string? text, out Version version)
    {
        version = new Version(0, 0, 0);
        if (string.IsNullOrEmpty(text))
            return false;
        var parts = text.Split('.');
        if (parts.Length != 3)
            return false;
        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (parts[i].Length == 0 || !parts[i].All(char.IsAsciiDigit) || !int.TryParse(parts[i], out numbers[i]))
                return false;
        }
        version = new Version(numbers[0], numbers[1], numbers[2]);
        return true;
    }
}
