using System.Diagnostics;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Namespaces;

public class NetNsRunTests
{
    [PrivilegedFact]
    public void Run_Func_SeesTheNamespaceAndLeavesTheCallerUnchanged()
    {
        using var scoped = ScopedNetNs.Create();
        using var before = NetNs.OpenCurrent();

        var inside = scoped.Ns.Run(() =>
        {
            using var current = NetNs.OpenCurrent();
            return current.Id;
        });

        using var after = NetNs.OpenCurrent();
        Assert.Equal(scoped.Ns.Id, inside);
        Assert.NotEqual(before.Id, inside);
        Assert.Equal(before.Id, after.Id);
    }

    [PrivilegedFact]
    public void Run_Nested_InnerRunsInInnerAndReturnsToOuter()
    {
        using var outer = ScopedNetNs.Create();
        using var inner = ScopedNetNs.Create();

        var (innerSeen, outerAfter) = outer.Ns.Run(() =>
        {
            var seen = inner.Ns.Run(() =>
            {
                using var current = NetNs.OpenCurrent();
                return current.Id;
            });
            using var back = NetNs.OpenCurrent();
            return (seen, back.Id);
        });

        Assert.Equal(inner.Ns.Id, innerSeen);
        Assert.Equal(outer.Ns.Id, outerAfter);
    }

    [PrivilegedFact]
    public void Run_ActionThrows_SameExceptionWithOriginalStack()
    {
        using var scoped = ScopedNetNs.Create();
        var thrown = new InvalidOperationException("thrown inside the namespace");

        var caught = Assert.Throws<InvalidOperationException>(() => scoped.Ns.Run(() => ThrowInside(thrown)));

        Assert.Same(thrown, caught);
        Assert.Contains(nameof(ThrowInside), caught.StackTrace);
        // The caller's side of the stack is appended, so both halves are there.
        Assert.Contains(nameof(Run_ActionThrows_SameExceptionWithOriginalStack), caught.StackTrace);
    }

    [PrivilegedFact]
    public void Run_AfterDispose_ThrowsObjectDisposed()
    {
        using var scoped = ScopedNetNs.Create();
        var second = NetNs.OpenNamed(scoped.Name);
        second.Dispose();

        Assert.Throws<ObjectDisposedException>(() => second.Run(() => { }));
    }

    [PrivilegedFact]
    public void StartProcess_Readlink_ChildSeesTheNamespaceInode()
    {
        using var scoped = ScopedNetNs.Create();

        var (exitCode, output) = Tool.Wait(scoped.Ns.StartProcess(Tool.StartInfo("readlink", "/proc/self/ns/net")));

        Assert.Equal(0, exitCode);
        Assert.Equal($"net:[{scoped.Ns.Id.Inode}]", output.Trim());
    }

    [PrivilegedFact]
    public void FindProcessIds_SleepStartedInside_FoundThereAndOpenableByPid()
    {
        using var scoped = ScopedNetNs.Create();
        using var host = NetNs.OpenCurrent();
        using var sleep = scoped.Ns.StartProcess(new ProcessStartInfo("sleep", "60"));
        try
        {
            Assert.Equal([sleep.Id], scoped.Ns.FindProcessIds());
            Assert.DoesNotContain(sleep.Id, host.FindProcessIds());
            Assert.Contains(Environment.ProcessId, host.FindProcessIds());

            using var byPid = NetNs.Open($"/proc/{sleep.Id}/ns/net");
            Assert.Equal(scoped.Ns.Id, byPid.Id);
            Assert.Null(byPid.Name);
        }
        finally
        {
            sleep.Kill();
            sleep.WaitForExit();
        }
    }

    [PrivilegedFact]
    public void Open_ProcSelf_SameAsOpenCurrent()
    {
        using var current = NetNs.OpenCurrent();
        using var self = NetNs.Open($"/proc/{Environment.ProcessId}/ns/net");

        Assert.Equal(current.Id, self.Id);
    }

    [Fact]
    public void Open_RegularFile_ThrowsNotANetworkNamespace()
    {
        var path = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<NamespaceException>(() => NetNs.Open(path));

            Assert.Contains(path, error.Message);
            Assert.Contains("not a network namespace", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Open_MountNamespace_ThrowsNotANetworkNamespace()
    {
        var error = Assert.Throws<NamespaceException>(() => NetNs.Open("/proc/thread-self/ns/mnt"));

        Assert.Contains("another type", error.Message);
    }

    [Fact]
    public void Open_MissingPath_ThrowsNotFound()
    {
        var error = Assert.Throws<NamespaceException>(() => NetNs.Open("/nonexistent/fnt-missing"));

        Assert.True(error.IsNotFound);
        Assert.Contains("ENOENT", error.Message);
    }

    private static void ThrowInside(Exception e) => throw e;
}
