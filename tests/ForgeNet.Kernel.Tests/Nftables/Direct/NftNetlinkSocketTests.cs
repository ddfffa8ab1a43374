using System.Buffers.Binary;
using ForgeNet.Kernel.Netlink.Transport;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Kernel.Tests.Nftables.Direct;

/// <summary>How the socket reads the kernel's replies to a batch, against a fake transport that answers as the kernel would.</summary>
public sealed class NftNetlinkSocketTests
{
    /// <summary>Answers each send with datagrams built from the batch's first sequence number.</summary>
    private sealed class FakeKernel(Func<uint, IEnumerable<byte[]>> answer) : INetlinkTransport
    {
        private readonly Queue<byte[]> _replies = new();

        public uint PortId => 4242;

        public int Send(ReadOnlySpan<byte> datagram)
        {
            foreach (var reply in answer(BinaryPrimitives.ReadUInt32LittleEndian(datagram[8..]))) _replies.Enqueue(reply);
            return 0;
        }

        public int Receive(Span<byte> buffer)
        {
            if (!_replies.TryDequeue(out var reply)) return -11; // EAGAIN: the real socket's receive timeout
            reply.CopyTo(buffer);
            return reply.Length;
        }

        public void Dispose()
        {
        }
    }

    /// <summary>NLMSG_ERROR with NLM_F_CAPPED: the errno (negative) and the request's header.</summary>
    private static byte[] Error(uint sequence, int errno)
    {
        var m = new byte[36];
        BinaryPrimitives.WriteUInt32LittleEndian(m, 36);
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(6), 0x100);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(8), sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(12), 4242);
        BinaryPrimitives.WriteInt32LittleEndian(m.AsSpan(16), -errno);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(20), 16);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(28), sequence);
        return m;
    }

    private static NftBatch Batch(int messages)
    {
        var batch = new NftBatch();
        for (var i = 0; i < messages; i++)
        {
            batch.BeginMessage(NftWire.Msg.NewChain, NftFamily.Inet, 0, command: i * 10);
            batch.PutString(NftWire.Chain.Table, "t");
            batch.EndMessage();
        }
        return batch;
    }

    [Fact]
    public void Commit_OnlyTheLastAck_NoErrors()
    {
        using var socket = new NftNetlinkSocket(new FakeKernel(first => [Error(first + 3, 0)]));

        Assert.Empty(socket.Commit(Batch(3)));
    }

    [Fact]
    public void Commit_ErrorsThenLastAck_EveryErrorWithItsMessage()
    {
        using var socket = new NftNetlinkSocket(new FakeKernel(first => [Error(first + 1, 2), Error(first + 3, 17)]));

        var errors = socket.Commit(Batch(3));

        Assert.Equal([new NftBatchError(0, 2, null), new NftBatchError(2, 17, null)], errors);
    }

    [Fact]
    public void Commit_ErrorForTheBatchItself_ReportedWithoutAMessage()
    {
        using var socket = new NftNetlinkSocket(new FakeKernel(first => [Error(first, 1), Error(first + 2, 0)]));

        Assert.Equal([new NftBatchError(null, 1, null)], socket.Commit(Batch(2)));
    }

    [Fact]
    public void Commit_LeftoversOfAnEarlierBatch_Skipped()
    {
        var round = 0;
        using var socket = new NftNetlinkSocket(new FakeKernel(first => ++round == 1
            ? [Error(first, 12), Error(first + 2, 0)]
            : [Error(first + 1, 0)]));

        Assert.Single(socket.Commit(Batch(2)));
        Assert.Empty(socket.Commit(Batch(1)));
    }

    [Fact]
    public void Commit_NoReplyAtAll_TimesOut()
    {
        using var socket = new NftNetlinkSocket(new FakeKernel(_ => []));

        var e = Assert.Throws<ForgeNet.Kernel.Netlink.NetlinkException>(() => socket.Commit(Batch(1)));
        Assert.Contains("Connection timed out", e.Message);
    }
}
