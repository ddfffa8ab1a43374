using ForgeNet.Kernel.Interop;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Namespaces;

public class SysctlTests
{
    private const string Forwarding = "net.ipv4.ip_forward";

    // The "host" here is a namespace of the test's own, so even a broken implementation cannot change the
    // machine's real forwarding setting.
    [PrivilegedFact]
    public void WriteSysctl_InsideNamespace_OtherNamespacesKeepTheirValue()
    {
        var realHostBefore = Sysctl.Read(Forwarding);
        using var host = ScopedNetNs.Create();
        using var sandbox = ScopedNetNs.Create();

        var (hostBefore, sandboxValue, hostAfter) = host.Ns.Run(() =>
        {
            var before = Sysctl.Read(Forwarding);
            var flipped = before == "1" ? "0" : "1";
            sandbox.Ns.WriteSysctl(Forwarding, flipped);
            return (before, sandbox.Ns.ReadSysctl(Forwarding), Sysctl.Read(Forwarding));
        });

        Assert.NotEqual(hostBefore, sandboxValue);
        Assert.Equal(hostBefore, hostAfter);
        Assert.Equal(realHostBefore, Sysctl.Read(Forwarding));
    }

    [PrivilegedFact]
    public void WriteSysctl_SlashKeyWithDottedInterface_ReachesThatInterface()
    {
        using var scoped = ScopedNetNs.Create();
        Assert.Equal(0, Tool.Wait(scoped.Ns.StartProcess(Tool.StartInfo("ip", "link", "add", "br0.10", "type", "bridge"))).ExitCode);

        scoped.Ns.WriteSysctl("net/ipv4/conf/br0.10/forwarding", "1");

        Assert.Equal("1", scoped.Ns.ReadSysctl("net/ipv4/conf/br0.10/forwarding"));
        Assert.Equal("0", scoped.Ns.ReadSysctl("net/ipv4/conf/lo/forwarding"));
    }

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
    public void WriteSysctl_InvalidValue_ThrowsWithErrno()
    {
        using var scoped = ScopedNetNs.Create();

        var error = Assert.Throws<SysctlException>(() => scoped.Ns.WriteSysctl(Forwarding, "not-a-number"));

        Assert.Equal(Errno.EINVAL, error.Errno);
        Assert.Contains(Forwarding, error.Message);
    }

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
