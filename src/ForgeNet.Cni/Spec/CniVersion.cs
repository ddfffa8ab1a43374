namespace ForgeNet.Cni.Spec;

/// <summary>The CNI spec versions forge-cni speaks, and what each allows.</summary>
public static class CniVersion
{
    /// <summary>The newest version, used for VERSION output and for errors before a config was read.</summary>
    public const string Latest = "1.1.0";

    /// <summary>Versions whose results forge-cni writes (0.3.0 and 0.3.1 share a shape).</summary>
    public static IReadOnlyList<string> Supported { get; } = ["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"];

    /// <summary>True when forge-cni can produce results for <paramref name="version"/>.</summary>
    public static bool IsSupported(string version) => Supported.Contains(version, StringComparer.Ordinal);

    /// <summary>Results before 1.0.0 carry ips[].version.</summary>
    public static bool HasIpVersion(string version) => Compare(version, "1.0.0") < 0;

    /// <summary>CHECK exists from 0.4.0 on.</summary>
    public static bool AllowsCheck(string version) => Compare(version, "0.4.0") >= 0;

    /// <summary>GC and STATUS exist from 1.1.0 on.</summary>
    public static bool AllowsGcAndStatus(string version) => Compare(version, "1.1.0") >= 0;

    /// <summary>1.1.0 added interfaces[].mtu and routes[].priority.</summary>
    public static bool HasMtuAndPriority(string version) => Compare(version, "1.1.0") >= 0;

    /// <summary>Compares two "MAJOR.MINOR.PATCH" versions; throws <see cref="CniException"/> (decoding failure) on another form.</summary>
    public static int Compare(string a, string b)
    {
        var (x, y) = (Parse(a), Parse(b));
        for (var i = 0; i < 3; i++)
        {
            if (x[i] != y[i]) return x[i].CompareTo(y[i]);
        }
        return 0;
    }

    private static int[] Parse(string version)
    {
        var parts = version.Split('.');
        var numbers = new int[3];
        var valid = parts.Length is >= 1 and <= 3;
        for (var i = 0; valid && i < parts.Length; i++)
            valid = int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out numbers[i]);
        return valid ? numbers : throw new CniException(CniErrorCode.DecodingFailure, $"invalid cniVersion '{version}': expected MAJOR.MINOR.PATCH");
    }
}
