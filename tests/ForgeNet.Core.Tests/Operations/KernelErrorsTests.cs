using ForgeNet.Core.Errors;
using ForgeNet.Core.Operations;
using ForgeNet.Kernel.Interop;
using ForgeNet.Kernel.Netlink;

namespace ForgeNet.Core.Tests.Operations;

public class KernelErrorsTests
{
    [Fact]
    public void Wrap_NetlinkErrorThroughLayers_OneLineWithContextErrnoAndExtack()
    {
        var kernel = new NetlinkException("RTM_NEWLINK fv1a2b3c4d5e", Errno.EEXIST, "device already exists");
        var inner = KernelErrors.Wrap("create veth fv1a2b3c4d5e", kernel);
        var outer = KernelErrors.Wrap("create sandbox web-1", KernelErrors.Wrap("attach to net0", inner));
        Assert.Equal("create sandbox web-1: attach to net0: create veth fv1a2b3c4d5e: File exists (EEXIST): device already exists", outer.Message);
        Assert.Equal(ErrorKind.AlreadyExists, outer.Kind);
        Assert.Same(kernel, outer.InnerException);
    }

    [Fact]
    public void Wrap_NotFoundWithoutExtack_KernelKindNoTrailingColon()
    {
        var e = KernelErrors.Wrap("delete bridge fn-00000000", new NetlinkException("RTM_DELLINK fn-00000000", Errno.ENODEV));
        Assert.Equal(ErrorKind.Kernel, e.Kind);
        Assert.Equal("delete bridge fn-00000000: No such device (ENODEV)", e.Message);
        Assert.True(KernelErrors.IsGone(e.InnerException!));
    }

    [Fact]
    public void ErrorCollector_TwoFailures_OneCombinedError()
    {
        var errors = new ErrorCollector();
        Assert.True(errors.Try("fine", () => { }));
        Assert.False(errors.Try("delete namespace forge-a", () => throw new IOException("busy")));
        Assert.False(errors.Try("delete records", () => throw new ForgeException(ErrorKind.Internal, "database is locked")));
        var e = Assert.Throws<ForgeException>(() => errors.ThrowIfAny("gc"));
        Assert.Equal("gc: delete namespace forge-a: busy; delete records: database is locked", e.Message);
    }

    [Fact]
    public void UndoStack_Run_ReverseOrderPastFailures()
    {
        var order = new List<int>();
        var undo = new UndoStack();
        undo.Push("one", () => order.Add(1));
        undo.Push("two", () => throw new InvalidOperationException("stuck"));
        undo.Push("three", () => order.Add(3));
        Assert.Equal(["two: stuck"], undo.Run());
        Assert.Equal([3, 1], order);
    }

    [Fact]
    public void FaultInjector_NamedStep_ThrowsInternalOthersPass()
    {
        var faults = new FaultInjector("veth:net0", crashAt: null);
        faults.At("store");
        faults.At("veth:net1");
        var e = Assert.Throws<ForgeException>(() => faults.At("veth:net0"));
        Assert.Equal(ErrorKind.Internal, e.Kind);
        Assert.Equal("injected fault at veth:net0", e.Message);
    }
}
