namespace ForgeNet.Core.Policy;

/// <summary>
/// The policy keys the firewall does not enforce yet. A policy that uses one is refused with a clear error
/// rather than accepted and silently ignored: a rule that exists only on paper is worse than none.
/// Each entry goes away as its enforcement lands; today every key is enforced (mode host enforces nothing
/// by definition: it is an explicit opt-out, and the validator allows no rule, port or limit beside it).
/// </summary>
public static class PolicyEnforcement
{
    /// <summary>One line per key of <paramref name="policy"/> that would not be enforced (none today).</summary>
    public static IReadOnlyList<string> Unenforced(NetworkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return [];
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
