using System.Runtime.CompilerServices;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>
/// Golden files beside this source file (Firewall/Golden). With FORGENET_UPDATE_GOLDEN=1 a mismatch rewrites the
/// file instead of failing, to refresh goldens after a deliberate change (review the diff).
/// </summary>
internal static class GoldenFile
{
    public static string PathOf(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Golden", name);

    public static void AssertMatches(string name, string actual)
    {
        var path = PathOf(name);
        if (Environment.GetEnvironmentVariable("FORGENET_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing; run with FORGENET_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
