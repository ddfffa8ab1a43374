namespace ForgeNet.Bench.Methods;

/// <summary>
/// Baseline 4: two `ip -batch -` processes per setup: one in the host namespace (netns add, veth
/// with its peer created in the sandbox netns, host end on the bridge and up), one with
/// `-n NS` for the in-namespace part (lo, eth0 up, address, default route). Teardown: `ip netns del`.
/// </summary>
internal sealed class IpBatchMethod : ISandboxMethod
{
    private MethodContext _context = null!;

    public string Name => "ip-batch";

    public void Prepare(MethodContext context)
    {
        _context = context;
        BaselineBridge.Create(context);
    }

    public void Setup(int index)
    {
        var ns = _context.SandboxNamespace(index);
        var veth = _context.HostVeth(index);
        // `netns add` must not run under `ip -n`: that switches into a private mount namespace,
        // so the new namespace's bind mount would never reach /run/netns of the host.
        var host = $"""
            netns add {ns}
            link add {veth} type veth peer name eth0 netns {ns}
            link set {veth} master {_context.Bridge} up

            """;
        var inside = $"""
            link set lo up
            link set eth0 up
            addr add {MethodContext.Address(index)} dev eth0
            route add default via {MethodContext.Gateway}

            """;
        Command.Run("ip", ["-batch", "-"], host);
        Command.Run("ip", ["-n", ns, "-batch", "-"], inside);
    }

    public void Teardown(int index) => BaselineBridge.Ip("netns", "del", _context.SandboxNamespace(index));

    public void Finish() => BaselineBridge.Delete(_context);
}
