using ForgeNet.Kernel.Interop;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Namespaces;

public class SysctlTests
{
    private const string Forwarding = "net.ipv4.ip_forward";

    // Writes happen in a namespace the test made itself (Isolated), so even a broken NetNs.Run cannot change
    // the machine's real settings; the machine's value is only read, before and after.
    [PrivilegedFact]
    public void WriteSysctl_InsideNamespace_OtherNamespacesKeepTheirValue()
    {
        var machineBefore = Sysctl.Read(Forwarding);

        var (hostBefore, sandboxValue, hostAfter) = Isolated.Run(() =>
        {
            using var sandbox = ScopedNetNs.Create();
            var before = Sysctl.Read(Forwarding);
            var flipped = before == "1" ? "0" : "1";
            sandbox.Ns.WriteSysctl(Forwarding, flipped);
            return (before, sandbox.Ns.ReadSysctl(Forwarding), Sysctl.Read(Forwarding));
        });

        Assert.NotEqual(hostBefore, sandboxValue);
        Assert.Equal(hostBefore, hostAfter);
        Assert.Equal(machineBefore, Sysctl.Read(Forwarding));
    }

    [PrivilegedFact]
    public void WriteSysctl_SlashKeyWithDottedInterface_ReachesThatInterface() => Isolated.Run(() =>
    {
        using var scoped = ScopedNetNs.Create();
        // iproute2 enters the namespace itself, so this setup does not depend on the code under test.
        Assert.Equal(0, Tool.Run("ip", "-n", scoped.Name, "link", "add", "br0.10", "type", "bridge").ExitCode);

        const string Bridge = "net/ipv4/conf/br0.10/forwarding", Loopback = "net/ipv4/conf/lo/forwarding";
        var flipped = scoped.Ns.ReadSysctl(Bridge) == "1" ? "0" : "1";
        var loopbackBefore = scoped.Ns.ReadSysctl(Loopback);

        scoped.Ns.WriteSysctl(Bridge, flipped);

        Assert.Equal(flipped, scoped.Ns.ReadSysctl(Bridge));
        Assert.Equal(loopbackBefore, scoped.Ns.ReadSysctl(Loopback));
    });

    [Fact]
    public void Read_UnknownKey_ThrowsSysctlExceptionNamingTheKey()
    {
        var error = Assert.Throws<SysctlException>(() => Sysctl.Read("net.ipv4.fnt_no_such_key"));

        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.True(error.IsNotFound);
        Assert.Contains("net.ipv4.fnt_no_such_key", error.Message);
        Assert.IsAssignableFrom<IOException>(error);
    }

    [PrivilegedFact]
    public void WriteSysctl_InvalidValue_ThrowsWithErrno() => Isolated.Run(() =>
    {
        using var scoped = ScopedNetNs.Create();

        var error = Assert.Throws<SysctlException>(() => scoped.Ns.WriteSysctl(Forwarding, "not-a-number"));

        Assert.Equal(Errno.EINVAL, error.Errno);
        Assert.Contains(Forwarding, error.Message);
    });

    [Fact]
    public void Read_MultiValueKey_KeepsTabsDropsNewline()
    {
        var value = Sysctl.Read("net.ipv4.ip_local_port_range");

        Assert.Matches(@"^\d+\t\d+$", value);
    }

    [Theory]
    [InlineData("net.ipv4.ip_forward", "/proc/sys/net/ipv4/ip_forward")]
    [InlineData("net/ipv4/conf/eth0.10/forwarding", "/proc/sys/net/ipv4/conf/eth0.10/forwarding")]
    public void PathOf_Keys_MapToProcSys(string key, string path) => Assert.Equal(path, Sysctl.PathOf(key));

    [Theory]
    [InlineData("")]
    [InlineData("net/../../etc/passwd")]
    [InlineData("/net/ipv4/ip_forward")]
    [InlineData("net..ipv4")]
    public void PathOf_InvalidKey_ThrowsArgumentException(string key) =>
        Assert.Throws<ArgumentException>(() => Sysctl.PathOf(key));
}
