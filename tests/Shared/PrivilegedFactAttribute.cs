namespace ForgeNet.Testing;

/// <summary>
/// A test that needs root and the real kernel. Outside CI it is skipped when not root; with CI=true
/// it always runs (and fails loudly if the privileges are missing), as DESIGN.md's testing rules say.
/// </summary>
public sealed class PrivilegedFactAttribute : FactAttribute
{
    public PrivilegedFactAttribute()
    {
        if (!Privileges.Available && !Privileges.InCi)
            Skip = "needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN); runs in CI";
    }
}

/// <summary>The theory form of <see cref="PrivilegedFactAttribute"/>.</summary>
public sealed class PrivilegedTheoryAttribute : TheoryAttribute
{
    public PrivilegedTheoryAttribute()
    {
        if (!Privileges.Available && !Privileges.InCi)
            Skip = "needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN); runs in CI";
    }
}

public static class Privileges
{
    public static bool Available => Environment.UserName == "root" || geteuid() == 0;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();
}
