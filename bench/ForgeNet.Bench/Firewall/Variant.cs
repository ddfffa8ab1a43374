namespace ForgeNet.Bench.Firewall;

/// <summary>The filtering between the two sandboxes while traffic is measured.</summary>
internal enum Variant
{
    /// <summary>(a0) ForgeNet's nftables tables deleted from the throwaway host namespace: no filtering at all.</summary>
    NoTables,

    /// <summary>(a) ForgeNet's default policy on both sandboxes (internal: peers allowed both ways).</summary>
    DefaultPolicy,

    /// <summary>(b) A ForgeNet policy on the server: N ingress CIDR rules and the client's rule.</summary>
    ForgeNetRules,

    /// <summary>(c) The default policy, plus the same N CIDRs as a linear chain of N rules in a table of our own.</summary>
    NaiveChain,
}

/// <summary>Labels and expectations per variant.</summary>
internal static class Variants
{
    public static readonly Variant[] All = [Variant.NoTables, Variant.DefaultPolicy, Variant.ForgeNetRules, Variant.NaiveChain];

    public static string Label(this Variant variant, int rules) => variant switch
    {
        Variant.NoTables => "(a0) no nftables tables",
        Variant.DefaultPolicy => "(a) no policy (default: peers allowed)",
        Variant.ForgeNetRules => $"(b) ForgeNet policy, {rules:N0} CIDR rules",
        _ => $"(c) naive linear chain, {rules:N0} rules",
    };

    /// <summary>What a connection to a port where nothing listens must meet: refused when nothing filters, dropped otherwise.</summary>
    public static Reach ExpectedForClosedPort(this Variant variant) =>
        variant is Variant.ForgeNetRules or Variant.NaiveChain ? Reach.TimedOut : Reach.Refused;
}
