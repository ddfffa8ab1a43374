namespace ForgeNet.Testing;

/// <summary>Unique, traceable names for what a test creates: fnt-&lt;6 hex&gt;[-suffix].</summary>
public static class TestNames
{
    public static string Unique(string? suffix = null)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
        return suffix is null ? $"fnt-{id}" : $"fnt-{id}-{suffix}";
    }
}
