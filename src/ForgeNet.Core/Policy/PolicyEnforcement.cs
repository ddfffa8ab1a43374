namespace ForgeNet.Core.Policy;

/// <summary>
/// The policy keys the firewall does not enforce yet. A policy that uses one is refused with a clear error
/// rather than accepted and silently ignored: a rule that exists only on paper is worse than none.
/// Each entry goes away as its enforcement lands.
/// </summary>
public static class PolicyEnforcement
{
    /// <summary>One line per key of <paramref name="policy"/> that would not be enforced.</summary>
    public static IReadOnlyList<string> Unenforced(NetworkPolicy policy)
    {
        var missing = new List<string>();
        if (policy.Mode == PolicyMode.Host)
            missing.Add("mode host");
        return missing;
    }

    /// <summary>Throws <see cref="Errors.ForgeException"/> (InvalidArgument) naming what would not be enforced.</summary>
    public static void EnsureEnforceable(NetworkPolicy policy, string source)
    {
        var missing = Unenforced(policy);
        if (missing.Count > 0)
            throw new Errors.ForgeException(Errors.ErrorKind.InvalidArgument,
                $"{source}: not enforced yet, so refused rather than ignored: {string.Join("; ", missing)}");
    }
}
