using System.Net;
using ForgeNet.Core;
using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;

namespace ForgeNet.Bench.Firewall;

/// <summary>
/// The two sandboxes the traffic runs between, made by the engine inside the throwaway host namespace, and the
/// switch between the filtering variants. Every call must come from the host namespace's thread: the nft processes
/// it starts are born there.
/// </summary>
internal sealed class FirewallLab : IDisposable
{
    public const string Network = "fwb";
    public const string Server = "server";
    public const string Client = "client";

    private readonly int _rules;
    private readonly NetworkPolicy _defaultPolicy = CidrPolicy.Parse(CidrPolicy.DefaultYaml, "default.yaml");
    private NetworkPolicy? _largePolicy;
    private bool _tablesDeleted;
    private bool _naiveChain;
    private bool _largeApplied;

    private FirewallLab(Engine engine, int rules, IPAddress server, IPAddress client, NamespaceThread clientThread)
    {
        Engine = engine;
        _rules = rules;
        ServerAddress = server;
        ClientAddress = client;
        ClientThread = clientThread;
    }

    public Engine Engine { get; }
    public IPAddress ServerAddress { get; }
    public IPAddress ClientAddress { get; }

    /// <summary>A thread inside the client sandbox, for connection probes.</summary>
    public NamespaceThread ClientThread { get; }

    /// <summary>Creates the network and both sandboxes (default policy); the engine is disposed with the lab.</summary>
    public static FirewallLab Create(EngineOptions options, int rules)
    {
        var engine = Engine.Open(options);
        try
        {
            engine.CreateNetwork(new NetworkSpec(Network) { Subnet4 = Methods.MethodContext.Subnet });
            var server = engine.CreateSandbox(new SandboxSpec(Server) { Networks = [Network] });
            var client = engine.CreateSandbox(new SandboxSpec(Client) { Networks = [Network] });
            var thread = new NamespaceThread(client.NamespacePath);
            return new FirewallLab(engine, rules, AddressOf(server), AddressOf(client), thread);
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>The large policy, parsed once (its parse time is measured separately).</summary>
    public NetworkPolicy LargePolicy => _largePolicy ??= CidrPolicy.Parse(CidrPolicy.Yaml(_rules, 0, Client), "large.yaml");

    /// <summary>Puts the variant in force; returns how long that took (ms), which is not part of any traffic figure.</summary>
    public double Enter(Variant variant)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        if (_naiveChain && variant != Variant.NaiveChain)
        {
            NaiveChain.Delete();
            _naiveChain = false;
        }
        if (_tablesDeleted && variant != Variant.NoTables)
        {
            Engine.ReloadFirewall();
            _tablesDeleted = false;
        }
        var wantLarge = variant == Variant.ForgeNetRules;
        if (wantLarge != _largeApplied)
        {
            Engine.ApplyPolicy(Server, wantLarge ? LargePolicy : _defaultPolicy);
            _largeApplied = wantLarge;
        }
        if (variant == Variant.NoTables && !_tablesDeleted)
        {
            DeleteForgeNetTables();
            _tablesDeleted = true;
        }
        if (variant == Variant.NaiveChain && !_naiveChain)
        {
            NaiveChain.Add(_rules, ServerAddress, ClientAddress);
            _naiveChain = true;
        }
        return System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>
    /// The server's bridge-table ingress chain as nft lists it (from <see cref="Engine.ShowPolicy"/>): the rules a
    /// client packet walks, to show in the report which lookups variant (b) makes.
    /// </summary>
    public string ServerIngressChain()
    {
        var lines = Engine.ShowPolicy(Server).Rules.Split('\n');
        var chain = new List<string>();
        var inBridge = false;
        foreach (var line in lines)
        {
            inBridge = line.StartsWith("table ", StringComparison.Ordinal) ? line.StartsWith("table bridge ", StringComparison.Ordinal) : inBridge;
            var trimmed = line.Trim();
            if (inBridge && chain.Count == 0 && trimmed.StartsWith("chain ep-", StringComparison.Ordinal) && trimmed.EndsWith("-in {", StringComparison.Ordinal))
            {
                chain.Add(trimmed);
            }
            else if (chain.Count > 0)
            {
                chain.Add(trimmed == "}" ? trimmed : "\t" + trimmed);
                if (trimmed == "}")
                {
                    break;
                }
            }
        }
        return string.Join('\n', chain);
    }

    /// <summary>Back to the default policy with ForgeNet's tables in place and no naive chain, whatever was applied meanwhile.</summary>
    public void Reset()
    {
        Enter(Variant.DefaultPolicy);
        Engine.ApplyPolicy(Server, _defaultPolicy);
        _largeApplied = false;
    }

    public void Dispose()
    {
        ClientThread.Dispose();
        Engine.Dispose();
    }

    // Only in the throwaway host namespace: nothing watches our tables there (no FirewallWatcher), so they stay gone
    // until Enter() reloads them from the store.
    private static void DeleteForgeNetTables()
    {
        var tables = Command.Run("nft", ["list", "tables"]);
        foreach (var family in new[] { "bridge", "inet" })
        {
            if (tables.Contains($"table {family} forgenet", StringComparison.Ordinal))
            {
                Command.Run("nft", ["delete", "table", family, "forgenet"]);
            }
        }
    }

    private static IPAddress AddressOf(SandboxInfo sandbox)
    {
        var cidr = sandbox.Endpoints.Single().Address4 ?? throw new InvalidOperationException($"sandbox {sandbox.Name} has no IPv4 address");
        return IPAddress.Parse(cidr.Split('/')[0]);
    }
}
