using System.Text.Json;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Kernel.Tests.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>Qdiscs, ifb links and the ingress redirect on the real kernel, in throwaway namespaces.</summary>
public sealed class RtNetlinkTrafficControlTests
{
    private static readonly TokenBucketOptions TwentyMbit = new(20_000_000 / 8, 32 * 1024);

    [PrivilegedFact]
    public void SetTokenBucket_OnVeth_IsTheRootQdiscWithItsParameters()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = Veth(ns);

        ns.Netlink.SetTokenBucket(index, TwentyMbit);

        var root = Assert.Single(ns.Netlink.ListQdiscs(index), q => q.IsRoot);
        Assert.Equal(("tbf", 0x10000u), (root.Kind, root.Handle));
        Assert.Equal(TwentyMbit with { LimitBytes = 62_500 + 32 * 1024 }, root.TokenBucket);
        Assert.Equal(0ul, root.Stats!.Bytes);
        Assert.Contains("rate 20Mbit burst 32Kb", ns.Run(() => Tool.Run("tc", "qdisc", "show", "dev", ns.Netlink.GetLink(index)!.Name)).Output);
    }

    [PrivilegedFact]
    public void SetTokenBucket_Again_ChangesTheQdiscInPlace()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = Veth(ns);
        ns.Netlink.SetTokenBucket(index, TwentyMbit);

        var faster = new TokenBucketOptions(50_000_000_000 / 8, 1 << 20) { LimitBytes = 1 << 22 };
        ns.Netlink.SetTokenBucket(index, faster);

        var root = Assert.Single(ns.Netlink.ListQdiscs(index), q => q.IsRoot);
        // Above 4 GB/s the rate travels in TCA_TBF_RATE64; the burst comes back in whole 64 ns ticks (400 bytes here).
        Assert.Equal(6_250_000_000ul, root.TokenBucket!.RateBytesPerSecond);
        Assert.InRange(root.TokenBucket.BurstBytes, (1u << 20) - 400, 1u << 20);
        Assert.Equal(1u << 22, root.TokenBucket.LimitBytes);
    }

    [PrivilegedFact]
    public void SetTokenBucket_MissingLink_ThrowsNotFound()
    {
        using var ns = ThrowawayNamespace.Create();

        var e = Assert.Throws<NetlinkException>(() => ns.Netlink.SetTokenBucket(999_999, TwentyMbit));

        Assert.True(e.IsNotFound, e.Message);
        Assert.Contains("ifindex 999999", e.Message);
    }

    [PrivilegedFact]
    public void DeleteQdisc_Root_RestoresDefaultAndThenIsNotFound()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = Veth(ns);
        ns.Netlink.SetTokenBucket(index, TwentyMbit);

        ns.Netlink.DeleteQdisc(index, QdiscParent.Root);

        Assert.Equal("noqueue", Assert.Single(ns.Netlink.ListQdiscs(index), q => q.IsRoot).Kind);
        var e = Assert.Throws<NetlinkException>(() => ns.Netlink.DeleteQdisc(index, QdiscParent.Root));
        Assert.True(e.IsNotFound, e.Message);
    }

    [PrivilegedFact]
    public void DeleteQdisc_NoIngress_ThrowsNotFound()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = Veth(ns);

        var e = Assert.Throws<NetlinkException>(() => ns.Netlink.DeleteQdisc(index, QdiscParent.Ingress));

        Assert.True(e.IsNotFound, e.Message);
    }

    [PrivilegedFact]
    public void CreateIfb_Up_CreatesAnIfbLink()
    {
        using var ns = ThrowawayNamespace.Create();
        var name = TestNames.Unique("i");

        var index = ns.Netlink.CreateIfb(new IfbOptions(name) { Up = true, Group = 7 });

        var link = ns.Netlink.GetLink(index)!;
        Assert.Equal((name, "ifb", 7u, true), (link.Name, link.Kind, link.Group, link.IsUp));
    }

    [PrivilegedFact]
    public void RedirectIngress_Twice_LeavesOneIngressQdiscAndOneFilter()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = Veth(ns);
        var ifb = ns.Netlink.CreateIfb(new IfbOptions(TestNames.Unique("i")) { Up = true });

        ns.Netlink.RedirectIngress(index, ifb);
        ns.Netlink.RedirectIngress(index, ifb);

        var ingress = Assert.Single(ns.Netlink.ListQdiscs(index), q => q.IsIngress);
        Assert.Equal(("ingress", 0xFFFF0000u), (ingress.Kind, ingress.Handle));
        var filters = Filters(ns, index);
        var redirect = Assert.Single(filters, f => f.TryGetProperty("options", out var o) && o.TryGetProperty("actions", out _));
        var action = redirect.GetProperty("options").GetProperty("actions")[0];
        Assert.Equal("800::800", redirect.GetProperty("options").GetProperty("fh").GetString());
        Assert.Equal(("mirred", "redirect", "egress", ns.Netlink.GetLink(ifb)!.Name),
            (action.GetProperty("kind").GetString(), action.GetProperty("mirred_action").GetString(),
                action.GetProperty("direction").GetString(), action.GetProperty("to_dev").GetString()));
    }

    [PrivilegedFact]
    public void RedirectIngress_MissingTarget_FailsAndRemovesTheIngressQdiscItMade()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = Veth(ns);

        var e = Assert.Throws<NetlinkException>(() => ns.Netlink.RedirectIngress(index, 999_999));

        Assert.Equal("RTM_NEWTFILTER u32 mirred redirect to ifindex 999999 on ifindex " + index, e.Operation);
        Assert.DoesNotContain(ns.Netlink.ListQdiscs(index), q => q.IsIngress);
    }

    [PrivilegedFact]
    public void RedirectIngress_MissingTargetWithIngressThere_KeepsTheExistingQdisc()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = Veth(ns);
        var ifb = ns.Netlink.CreateIfb(new IfbOptions(TestNames.Unique("i")) { Up = true });
        ns.Netlink.RedirectIngress(index, ifb);

        Assert.Throws<NetlinkException>(() => ns.Netlink.RedirectIngress(index, 999_999));

        Assert.Single(ns.Netlink.ListQdiscs(index), q => q.IsIngress);
        ns.Netlink.DeleteQdisc(index, QdiscParent.Ingress);
        Assert.Empty(Filters(ns, index));
    }

    [PrivilegedFact]
    public void RedirectIngress_LinkWithClsact_HangsTheFilterOnClsactIngress()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = Veth(ns);
        var name = ns.Netlink.GetLink(index)!.Name;
        var ifb = ns.Netlink.CreateIfb(new IfbOptions(TestNames.Unique("i")) { Up = true });
        var (exit, text) = ns.Run(() => Tool.Run("tc", "qdisc", "add", "dev", name, "clsact"));
        Assert.True(exit == 0, text);

        ns.Netlink.RedirectIngress(index, ifb);

        Assert.Equal("clsact", Assert.Single(ns.Netlink.ListQdiscs(index), q => q.IsIngress).Kind);
        var redirect = Assert.Single(Filters(ns, index), f => f.TryGetProperty("options", out var o) && o.TryGetProperty("actions", out _));
        Assert.Equal("mirred", redirect.GetProperty("options").GetProperty("actions")[0].GetProperty("kind").GetString());
    }

    /// <summary>A veth pair in <paramref name="ns"/>, both ends up; returns the first end's ifindex.</summary>
    private static int Veth(ThrowawayNamespace ns)
    {
        var name = TestNames.Unique();
        return ns.Netlink.CreateVeth(new VethOptions(name, name + "p") { Up = true, PeerUp = true });
    }

    // The system's own view of the ingress filters, from `tc -j` run inside the namespace.
    private static List<JsonElement> Filters(ThrowawayNamespace ns, int index)
    {
        var name = ns.Netlink.GetLink(index)!.Name;
        var (exit, output) = ns.Run(() => Tool.Run("tc", "-j", "filter", "show", "dev", name, "ingress"));
        if (exit != 0 && output.Contains("Cannot find specified qdisc")) return [];
        Assert.True(exit == 0, output);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.EnumerateArray().Select(f => f.Clone()).ToList();
    }
}
