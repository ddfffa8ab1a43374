using System.Text;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Applies compiled transactions through one <see cref="INftablesBackend"/> (opened on first use: a libnftables context
/// costs ~1.6 ms, so one per engine), reads our tables back, and judges whether they still hold what they should.
/// </summary>
internal sealed class FirewallManager(Func<INftablesBackend> open) : IDisposable
{
    private readonly Lazy<INftablesBackend> _backend = new(open);

    public INftablesBackend Backend => _backend.Value;

    /// <summary>Applies one atomic transaction.</summary>
    public void Apply(NftTransaction transaction) => Backend.Apply(transaction);

    /// <summary>True when either of our tables exists.</summary>
    public bool TablesExist()
    {
        var tables = Backend.ListTables();
        return FirewallNames.Tables.Any(tables.Contains);
    }

    /// <summary>The ports whose chains exist in either table (to find endpoints without a record).</summary>
    public HashSet<string> PortsWithChains()
    {
        var ports = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in FirewallNames.Tables)
        {
            foreach (var chain in Backend.ListTable(table.Family, table.Name)?.Chains ?? [])
            {
                if (FirewallNames.PortOf(chain.Name) is { } port) ports.Add(port);
            }
        }
        return ports;
    }

    /// <summary>
    /// What is missing from our tables compared with <paramref name="expected"/> (a full rebuild of the endpoints that
    /// must be in force): missing tables, chains, rules, or map and set elements. Extra objects are not problems here
    /// (a sandbox being created or removed may own them); garbage collection removes leaks.
    /// </summary>
    public List<string> FindDamage(NftTransaction expected)
    {
        var model = FirewallExpectation.From(expected);
        var damage = new List<string>();
        foreach (var table in FirewallNames.Tables)
        {
            if (!model.Tables.Contains(table)) continue;
            var state = Backend.ListTable(table.Family, table.Name);
            if (state is null)
            {
                damage.Add($"table {table} is missing");
                continue;
            }
            damage.AddRange(model.Compare(table, state));
        }
        return damage;
    }

    /// <summary>
    /// The chains and sets of the given ports in nft syntax with their counters; through libnftables' own text output
    /// when the backend is the kernel's (it prints every statement by name), else from the read-back model.
    /// </summary>
    public string Describe(IReadOnlyCollection<string> ports)
    {
        var sb = new StringBuilder();
        foreach (var table in FirewallNames.Tables)
        {
            var state = Backend.ListTable(table.Family, table.Name);
            if (state is null) continue;
            var chains = state.Chains.Where(c => FirewallNames.PortOf(c.Name) is { } p && ports.Contains(p)).ToList();
            var sets = state.Sets.Where(s => FirewallNames.PortOf(s.Name) is { } p && ports.Contains(p)).ToList();
            if (Backend is NftablesBackend real)
            {
                foreach (var set in sets)
                    sb.Append(real.RunText($"list {(set.IsMap ? "map" : "set")} {table} {set.Name}"));
                foreach (var chain in chains)
                    sb.Append(real.RunText($"list chain {table} {chain.Name}"));
            }
            else
            {
                var names = chains.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
                sb.Append(new NftTableState(table, chains, sets, [.. state.Rules.Where(r => names.Contains(r.Chain))]));
            }
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        if (_backend.IsValueCreated && _backend.Value is IDisposable disposable) disposable.Dispose();
    }
}
