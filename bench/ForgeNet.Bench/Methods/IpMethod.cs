namespace ForgeNet.Bench.Methods;

/// <summary>Baseline 3: one `ip` process per kernel step (7 for setup, 1 for teardown).</summary>
internal sealed class IpMethod : ISandboxMethod
{
    private MethodContext _context = null!;

    public string Name => "ip";

    public void Prepare(MethodContext context)
    {
        _context = context;
        BaselineBridge.Create(context);
    }

    public void Setup(int index)
    {
        var ns = _context.SandboxNamespace(index);
        var veth = _context.HostVeth(index);
        BaselineBridge.Ip("netns", "add", ns);
        BaselineBridge.Ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
        BaselineBridge.Ip("link", "set", veth, "master", _context.Bridge, "up");
        BaselineBridge.Ip("-n", ns, "link", "set", "lo", "up");
        BaselineBridge.Ip("-n", ns, "link", "set", "eth0", "up");
        BaselineBridge.Ip("-n", ns, "addr", "add", MethodContext.Address(index), "dev", "eth0");
        BaselineBridge.Ip("-n", ns, "route", "add", "default", "via", MethodContext.Gateway);
    }

    // Deleting the namespace is what a script does; the kernel then dismantles the veth
    // (both ends) asynchronously, which the drain figure accounts for.
    public void Teardown(int index) => BaselineBridge.Ip("netns", "del", _context.SandboxNamespace(index));

    public void Finish() => BaselineBridge.Delete(_context);
}
