using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Nftables;

/// <summary>The ruleset watcher behind self-healing: it notices when someone removes our table.</summary>
public sealed class NftablesMonitorTests
{
    [PrivilegedFact]
    public void TableDeleted_FlushRulesetInNamespace_NoticedWithinOneSecond()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var ours = new NftTable(NftFamily.Inet, TestNames.Unique());
        backend.Apply(new NftTransaction().ReplaceTable(ours).AddChain(NftChain.Regular(ours, "c")));
        using var monitor = NftablesMonitor.OpenIn(ns.Run);
        using var deleted = new ManualResetEventSlim();
        monitor.TableDeleted += t =>
        {
            if (t == ours)
                deleted.Set();
        };
        monitor.Start();

        var clock = Stopwatch.StartNew();
        ns.Exec("nft", "flush", "ruleset");

        Assert.True(deleted.Wait(TimeSpan.FromSeconds(1)), "flush ruleset was not noticed within one second");
        Assert.False(backend.TableExists(ours.Family, ours.Name));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [PrivilegedFact]
    public void Changed_ForeignChange_ReportsObjectsAndGenerationWithProcess()
    {
        using var ns = new TestNetns();
        using var monitor = NftablesMonitor.OpenIn(ns.Run);
        var events = new BlockingCollection<NftMonitorEvent>();
        monitor.Changed += events.Add;
        monitor.Start();
        var table = TestNames.Unique();

        ns.Exec("nft", $"add table ip {table}; add chain ip {table} c; delete table ip {table}");

        var seen = new List<NftMonitorEvent>();
        while (events.TryTake(out var e, TimeSpan.FromSeconds(1)))
        {
            seen.Add(e);
            if (e.Kind == NftMonitorEventKind.Generation)
                break;
        }
        Assert.Contains(new NftMonitorEvent(NftMonitorEventKind.TableAdded, NftFamily.Ip, table, null), seen.Select(e => e with { PortId = 0 }));
        Assert.Contains(new NftMonitorEvent(NftMonitorEventKind.ChainAdded, NftFamily.Ip, table, "c"), seen.Select(e => e with { PortId = 0 }));
        Assert.Contains(new NftMonitorEvent(NftMonitorEventKind.TableDeleted, NftFamily.Ip, table, null), seen.Select(e => e with { PortId = 0 }));
        var generation = seen[^1];
        Assert.Equal(NftMonitorEventKind.Generation, generation.Kind);
        Assert.Equal("nft", generation.ProcessName);
        Assert.NotNull(generation.GenerationId);
    }

    [PrivilegedFact]
    public void Dispose_WhileWaiting_StopsPromptly()
    {
        using var ns = new TestNetns();
        var monitor = NftablesMonitor.OpenIn(ns.Run);
        monitor.Start();

        var clock = Stopwatch.StartNew();
        monitor.Dispose();

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Parse_DelTableMessage_GivesTableDeletedEvent()
    {
        var message = Message(type: (10 << 8) | 2, nfproto: 1, portId: 4242, (1, Encoding.UTF8.GetBytes("forgenet\0")));

        var e = Assert.Single(NftMonitorParser.Parse(message));

        Assert.Equal(new NftMonitorEvent(NftMonitorEventKind.TableDeleted, NftFamily.Inet, "forgenet", null) { PortId = 4242 }, e);
    }

    [Fact]
    public void Parse_TwoMessagesInOneDatagram_GivesBothInOrder()
    {
        byte[] gen = [.. BigEndian(77u)];
        byte[] pid = [.. BigEndian(1234u)];
        var datagram = Message((10 << 8) | 5, 10, 0, (1, "t\0"u8.ToArray()), (3, "chain-a\0"u8.ToArray()))
            .Concat(Message((10 << 8) | 15, 0, 0, (1, gen), (2, pid), (3, "nft\0"u8.ToArray())))
            .ToArray();

        var events = NftMonitorParser.Parse(datagram);

        Assert.Equal(new NftMonitorEvent(NftMonitorEventKind.ChainDeleted, NftFamily.Ip6, "t", "chain-a"), events[0]);
        Assert.Equal((77u, 1234, "nft"), (events[1].GenerationId!.Value, events[1].ProcessId!.Value, events[1].ProcessName));
    }

    [Fact]
    public void Parse_TruncatedMessage_StopsWithoutThrowing()
    {
        var message = Message((10 << 8) | 2, 1, 0, (1, "forgenet\0"u8.ToArray()));

        Assert.Empty(NftMonitorParser.Parse(message.AsSpan(0, 20)));
    }

    /// <summary>An nf_tables netlink message laid out as the kernel sends it: nlmsghdr, nfgenmsg, aligned attributes.</summary>
    private static byte[] Message(int type, byte nfproto, uint portId, params (ushort Type, byte[] Value)[] attributes)
    {
        var body = new List<byte> { nfproto, 0, 0, 0 };
        foreach (var (t, v) in attributes)
        {
            body.AddRange(BitConverter.GetBytes((ushort)(4 + v.Length)));
            body.AddRange(BitConverter.GetBytes(t));
            body.AddRange(v);
            while (body.Count % 4 != 0)
                body.Add(0);
        }
        var header = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)(16 + body.Count));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), (ushort)type);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), portId);
        return [.. header, .. body];
    }

    private static byte[] BigEndian(uint value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        return b;
    }
}
