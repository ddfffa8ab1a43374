using ForgeNet.Kernel.Interop;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Namespaces;

public class NetNsNamedTests
{
    [PrivilegedFact]
    public void Create_NewName_ListedOpenableUsableByIpAndDeleted()
    {
        var name = TestNames.Unique();
        try
        {
            using var ns = NetNs.Create(name);
            Assert.Equal(name, ns.Name);
            Assert.Equal($"/run/netns/{name}", ns.Path);
            Assert.Contains(name, NetNs.ListNamed());
            Assert.Contains(name, Tool.Run("ip", "netns", "list").Output);
            Assert.Equal(0, Tool.Run("ip", "netns", "exec", name, "true").ExitCode);

            using var reopened = NetNs.OpenNamed(name);
            using var host = NetNs.OpenCurrent();
            Assert.Equal(ns.Id, reopened.Id);
            Assert.NotEqual(host.Id, ns.Id);

            Assert.True(NetNs.DeleteNamed(name));
            Assert.DoesNotContain(name, NetNs.ListNamed());
            Assert.False(File.Exists(ns.Path));
            Assert.Null(NetNs.TryOpenNamed(name));
        }
        finally
        {
            NetNs.DeleteNamed(name);
        }
    }

    [PrivilegedFact]
    public void Create_ExistingName_ThrowsEexistAndLeavesFirstIntact()
    {
        using var first = ScopedNetNs.Create();

        var error = Assert.Throws<NamespaceException>(() => NetNs.Create(first.Name));

        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.True(error.IsAlreadyExists);
        Assert.Contains(first.Name, error.Message);
        Assert.Contains("EEXIST", error.Message);
        using var reopened = NetNs.OpenNamed(first.Name);
        Assert.Equal(first.Ns.Id, reopened.Id);
    }

    [PrivilegedFact]
    public void DeleteNamed_Twice_SecondReturnsFalse()
    {
        var name = TestNames.Unique();
        try
        {
            NetNs.Create(name).Dispose();

            Assert.True(NetNs.DeleteNamed(name));
            Assert.False(NetNs.DeleteNamed(name));
        }
        finally
        {
            NetNs.DeleteNamed(name);
        }
    }

    [PrivilegedFact]
    public void DeleteNamed_HalfMadeEntry_RemovesIt()
    {
        var name = TestNames.Unique();
        var path = $"{NetNs.RunDirectory}/{name}";
        using (ScopedNetNs.Create())
        {
            // Only to make sure /run/netns exists.
        }
        try
        {
            File.WriteAllBytes(path, []);
            var error = Assert.Throws<NamespaceException>(() => NetNs.OpenNamed(name));
            Assert.Contains("not a network namespace", error.Message);

            Assert.True(NetNs.DeleteNamed(name));
            Assert.False(File.Exists(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [PrivilegedFact]
    public void Create_InitialiseThrows_ExceptionPropagatesAndNoEntryLeft()
    {
        var name = TestNames.Unique();
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() =>
                NetNs.Create(name, () => throw new InvalidOperationException("initialise failed on purpose")));

            Assert.Equal("initialise failed on purpose", error.Message);
            Assert.False(File.Exists($"{NetNs.RunDirectory}/{name}"));
            Assert.DoesNotContain(name, NetNs.ListNamed());
        }
        finally
        {
            NetNs.DeleteNamed(name);
        }
    }

    [PrivilegedFact]
    public void Create_Initialise_RunsInsideTheNewNamespace()
    {
        NamespaceId? seen = null;
        using var host = NetNs.OpenCurrent();

        using var created = ScopedNetNs.Create(() =>
        {
            using var current = NetNs.OpenCurrent();
            seen = current.Id;
        });

        Assert.Equal(created.Ns.Id, seen);
        Assert.NotEqual(host.Id, seen);
        using var after = NetNs.OpenCurrent();
        Assert.Equal(host.Id, after.Id);
    }

    [PrivilegedFact]
    public void Dispose_NamedNamespace_DoesNotDeleteIt()
    {
        using var scoped = ScopedNetNs.Create();
        using (var second = NetNs.OpenNamed(scoped.Name))
        {
        }

        using var again = NetNs.TryOpenNamed(scoped.Name);

        Assert.NotNull(again);
        Assert.Equal(scoped.Ns.Id, again.Id);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("fnt-0a1b2c", true)]
    [InlineData("with.dots_and-dashes", true)]
    [InlineData("", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("a/b", false)]
    [InlineData("nul\0byte", false)]
    public void IsValidName_Examples_MatchIproute2(string name, bool valid) =>
        Assert.Equal(valid, NetNs.IsValidName(name));

    [Fact]
    public void IsValidName_Length_LimitIs255Bytes()
    {
        Assert.True(NetNs.IsValidName(new string('x', 255)));
        Assert.False(NetNs.IsValidName(new string('x', 256)));
        Assert.False(NetNs.IsValidName(new string('é', 128))); // 256 bytes in UTF-8
    }

    [Fact]
    public void Create_InvalidName_ThrowsArgumentExceptionBeforeTouchingTheKernel() =>
        Assert.Throws<ArgumentException>(() => NetNs.Create("../escape"));
}
