using ForgeNet.Kernel.Interop;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Kernel.Netlink.Protocol;
using ForgeNet.Kernel.Netlink.Transport;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>The request/reply engine against a scripted transport: sequence matching, errors, dump restarts, truncation.</summary>
public sealed class NetlinkConnectionTests
{
    private static readonly NetlinkOperation Operation = new("RTM_NEWLINK", "fv1");

    [Fact]
    public void Execute_RepliesForOtherSequencesOrPorts_AreSkipped()
    {
        var transport = new FakeTransport(seq => [FakeTransport.Ack(seq - 1, Errno.EINVAL), FakeTransport.Ack(seq, Errno.EINVAL, port: 99), FakeTransport.Ack(seq)]);
        using var connection = new NetlinkConnection(transport);

        connection.Execute(Request(), Operation);

        Assert.Equal(1, transport.Requests);
    }

    [Fact]
    public void Execute_ErrorWithExtAck_ThrowsWithOperationErrnoAndText()
    {
        using var connection = new NetlinkConnection(new FakeTransport(seq => [FakeTransport.Ack(seq, Errno.EEXIST, "already there")]));

        var e = Assert.Throws<NetlinkException>(() => connection.Execute(Request(), Operation));

        Assert.Equal(Errno.EEXIST, e.Errno);
        Assert.Equal("already there", e.ExtAck);
        Assert.Equal("RTM_NEWLINK fv1", e.Operation);
        Assert.True(e.IsAlreadyExists);
        Assert.False(e.IsNotFound);
        Assert.Equal("RTM_NEWLINK fv1: File exists (EEXIST): already there", e.Message);
    }

    [Fact]
    public void Execute_EachRequest_GetsANewSequenceNumber()
    {
        var transport = new FakeTransport(seq => [FakeTransport.Ack(seq)]);
        using var connection = new NetlinkConnection(transport);

        connection.Execute(Request(), Operation);
        connection.Execute(Request(), Operation);

        Assert.NotEqual(HostOrder.ReadUInt32(transport.Sent[0].AsSpan(8)), HostOrder.ReadUInt32(transport.Sent[1].AsSpan(8)));
    }

    [Fact]
    public void Query_DumpAcrossDatagrams_CollectsUntilDone()
    {
        var transport = new FakeTransport(seq => [FakeTransport.DumpedLink(seq), FakeTransport.Concat(FakeTransport.DumpedLink(seq), FakeTransport.Done(seq))]);
        using var connection = new NetlinkConnection(transport);

        var links = connection.Query<LinkInfo>(Request(), Operation, RequestKind.Dump, LinkDecoder.TryDecode);

        Assert.Equal(2, links.Count);
        Assert.All(links, link => Assert.Equal("fv1", link.Name));
    }

    [Fact]
    public void Query_DumpInterrupted_RestartsAndKeepsOnlyTheCleanRun()
    {
        var transport = new FakeTransport(
            seq => [FakeTransport.Concat(FakeTransport.DumpedLink(seq, Nlm.FDumpIntr), FakeTransport.DumpedLink(seq), FakeTransport.Done(seq))],
            seq => [FakeTransport.Concat(FakeTransport.DumpedLink(seq), FakeTransport.Done(seq))]);
        using var connection = new NetlinkConnection(transport);

        var links = connection.Query<LinkInfo>(Request(), Operation, RequestKind.Dump, LinkDecoder.TryDecode);

        Assert.Equal(2, transport.Requests);
        Assert.Single(links);
    }

    [Fact]
    public void Query_DumpAlwaysInterrupted_GivesUpWithEintr()
    {
        var transport = new FakeTransport(seq => [FakeTransport.Concat(FakeTransport.DumpedLink(seq), FakeTransport.Done(seq, Nlm.FMulti | Nlm.FDumpIntr))]);
        using var connection = new NetlinkConnection(transport);

        var e = Assert.Throws<NetlinkException>(() => connection.Query<LinkInfo>(Request(), Operation, RequestKind.Dump, LinkDecoder.TryDecode));

        Assert.Equal(Errno.EINTR, e.Errno);
        Assert.Equal(3, transport.Requests);
    }

    [Fact]
    public void Query_TruncatedDatagram_GrowsBufferAndAsksAgain()
    {
        var transport = new FakeTransport(seq => [FakeTransport.Concat(FakeTransport.DumpedLink(seq), FakeTransport.Done(seq))]) { TruncatedLength = 200_000 };
        using var connection = new NetlinkConnection(transport);

        var links = connection.Query<LinkInfo>(Request(), Operation, RequestKind.Dump, LinkDecoder.TryDecode);

        Assert.Single(links);
        Assert.Equal(2, transport.Requests);
        Assert.True(connection.ReceiveBufferLength >= 200_000);
    }

    [Fact]
    public void Execute_TruncatedEcho_IsSkippedAndTheAckStillCounts()
    {
        var transport = new FakeTransport(seq => [FakeTransport.Ack(seq)]) { TruncatedLength = 100_000 };
        using var connection = new NetlinkConnection(transport);

        connection.Execute(Request(), Operation);

        Assert.Equal(1, transport.Requests);
    }

    [Fact]
    public void Query_SocketOverrun_AsksAgain()
    {
        var transport = new FakeTransport(seq => [FakeTransport.Concat(FakeTransport.DumpedLink(seq), FakeTransport.Done(seq))]) { ReceiveError = -Errno.ENOBUFS };
        using var connection = new NetlinkConnection(transport);

        Assert.Single(connection.Query<LinkInfo>(Request(), Operation, RequestKind.Dump, LinkDecoder.TryDecode));
        Assert.Equal(2, transport.Requests);
    }

    [Fact]
    public void Query_DoneWithError_ThrowsWithExtAck()
    {
        var done = Hex.Bytes(Captured.DoneWithError);
        var transport = new FakeTransport(seq =>
        {
            new NetlinkHeader((uint)done.Length, Nlm.Done, HostOrder.ReadUInt16(done.AsSpan(6)), seq, FakeTransport.Port).Write(done);
            return [done];
        });
        using var connection = new NetlinkConnection(transport);

        var e = Assert.Throws<NetlinkException>(() => connection.Query<RouteInfo>(Request(), Operation, RequestKind.Dump, RouteDecoder.TryDecode));

        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Equal("ipv4: FIB table does not exist", e.ExtAck);
        Assert.True(e.IsNotFound);
    }

    [Fact]
    public void Execute_NoReply_ThrowsTimedOut()
    {
        using var connection = new NetlinkConnection(new FakeTransport(_ => []) { ReceiveError = -Errno.EAGAIN });

        var e = Assert.Throws<NetlinkException>(() => connection.Execute(Request(), Operation));

        Assert.Equal(Errno.ETIMEDOUT, e.Errno);
    }

    [Fact]
    public void Execute_MalformedDatagram_ThrowsProtocolError()
    {
        using var connection = new NetlinkConnection(new FakeTransport(_ => [Hex.Bytes("ff00000002000000")]));

        var e = Assert.Throws<NetlinkException>(() => connection.Execute(Request(), Operation));

        Assert.Equal(NetlinkConnection.EPROTO, e.Errno);
        Assert.Contains("malformed", e.Message);
    }

    [Fact]
    public void Query_MalformedReplyMessage_ThrowsProtocolError()
    {
        var transport = new FakeTransport(seq => [FakeTransport.Message(Rtm.NewLink, Nlm.FMulti, seq, new byte[8])]);
        using var connection = new NetlinkConnection(transport);

        var e = Assert.Throws<NetlinkException>(() => connection.Query<LinkInfo>(Request(), Operation, RequestKind.Dump, LinkDecoder.TryDecode));

        Assert.Equal(NetlinkConnection.EPROTO, e.Errno);
    }

    [Fact]
    public void Execute_AfterDispose_Throws()
    {
        var connection = new NetlinkConnection(new FakeTransport(seq => [FakeTransport.Ack(seq)]));
        connection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => connection.Execute(Request(), Operation));
    }

    private static Span<byte> Request() => LinkRequest.Get(new NetlinkBuffer(), dump: true);
}
