using System.Net;
using ForgeNet.Daemon.Tests.Support;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Tests;

/// <summary>Every RPC over the real socket against a real daemon, in a throwaway host namespace.</summary>
public sealed class ApiEndToEndTests
{
    [PrivilegedFact]
    public async Task EveryRpc_OverTheSocket_WorksAndLeavesNothing()
    {
        using var host = new DaemonHost();
        using var daemon = host.Start();
        using var channel = daemon.Channel();
        var api = new V1.ForgeNet.ForgeNetClient(channel);
        using var watch = api.WatchEvents(new V1.WatchEventsRequest());
        await watch.ResponseHeadersAsync;

        var vnet = await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "net0", Subnet4 = "10.77.3.0/24" });
        Assert.Equal("10.77.3.1", vnet.Gateway4);
        Assert.Equal("net0", Assert.Single((await api.ListVNetsAsync(new V1.ListVNetsRequest())).Vnets).Name);
        var duplicate = await Assert.ThrowsAsync<RpcException>(async () => await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "net0" }));
        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);

        var a = await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "a", Networks = { "net0" } });
        var again = await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "a", Networks = { "net0" } });
        Assert.Equal(a.Uid, again.Uid);
        Assert.Equal(a.Interfaces[0].Address4, again.Interfaces[0].Address4);
        Assert.Equal(a.Interfaces[0].Mac, again.Interfaces[0].Mac);
        Assert.Equal("10.77.3.1", a.Interfaces[0].Gateway4);
        Assert.Equal("sandbox/a", a.StatsHandle);

        using var runtime = new RuntimeNamespace();
        var b = await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "b", Networks = { "net0" }, NamespacePath = runtime.Path, InterfaceName = "net1" });
        Assert.Equal("net1", b.Interfaces[0].Name);
        Assert.Equal(2, (await api.InspectVNetAsync(new V1.InspectVNetRequest { Name = "net0" })).EndpointCount);
        Assert.Equal(["a", "b"], (await api.ListEndpointsAsync(new V1.ListEndpointsRequest())).Endpoints.Select(e => e.Id));

        using var nsA = NetNs.Open(a.NamespacePath);
        var addressB = IPAddress.Parse(b.Interfaces[0].Address4.Split('/')[0]);
        Assert.Equal(5, Traffic.SendUdp(nsA, runtime.Namespace, addressB, 5353, 5, 100));
        var stats = await api.GetStatsAsync(new V1.GetStatsRequest { StatsHandle = a.StatsHandle });
        Assert.True(stats.Interfaces[0].TxPackets >= 5, stats.ToString());

        // Deny everything into b: a's datagrams are dropped and counted against b.
        var applied = await api.ApplyFirewallAsync(new V1.ApplyFirewallRequest { Id = "b", PolicyYaml = "mode: peer-only\n" });
        Assert.Equal("peer-only", applied.Endpoint.Isolation);
        Assert.Equal(0, Traffic.SendUdp(nsA, runtime.Namespace, addressB, 5353, 5, 100));
        Assert.True((await api.GetStatsAsync(new V1.GetStatsRequest { StatsHandle = b.StatsHandle })).DroppedPackets >= 5);
        await api.ApplyFirewallAsync(new V1.ApplyFirewallRequest { Id = "b", PolicyYaml = "mode: internal\n" });

        // SetupBridge repairs a bridge someone deleted: re-made, ports back on it, traffic flows again.
        Shell.Ip("-n", host.Name, "link", "del", vnet.Bridge);
        var setup = await api.SetupBridgeAsync(new V1.SetupBridgeRequest { Name = "net0" });
        Assert.Equal(2, setup.PortsReattached);
        Assert.Equal(5, Traffic.SendUdp(nsA, runtime.Namespace, addressB, 5353, 5, 100));

        var health = new Health.HealthClient(channel);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Contains("forgenet.v1.ForgeNet", await ListServices(channel));

        // Our handle would keep a's namespace (and so its veth) alive after the release.
        nsA.Dispose();
        Assert.True((await api.ReleaseEndpointAsync(new V1.ReleaseEndpointRequest { Id = "a" })).Released);
        Assert.False((await api.ReleaseEndpointAsync(new V1.ReleaseEndpointRequest { Id = "a" })).Released);
        Assert.True((await api.ReleaseEndpointAsync(new V1.ReleaseEndpointRequest { Id = "b" })).Released);
        await api.DeleteVNetAsync(new V1.DeleteVNetRequest { Name = "net0" });
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await api.InspectVNetAsync(new V1.InspectVNetRequest { Name = "net0" }));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        Assert.Empty(host.SandboxNamespaces());
        // A deleted namespace's veth goes asynchronously.
        Assert.True(Shell.Eventually(() => host.HostVeths().Count == 0, TimeSpan.FromSeconds(5)), string.Join(",", host.HostVeths()));
        Assert.DoesNotContain("eth", runtime.Links().Replace("lo:", "", StringComparison.Ordinal));
        Assert.DoesNotContain("forgenet", Shell.Run("ip", null, "netns", "exec", host.Name, "nft", "list", "tables").Output);

        var kinds = await Events(watch, 7);
        Assert.Equal([V1.Event.Types.Kind.NetworkCreated, V1.Event.Types.Kind.EndpointCreated, V1.Event.Types.Kind.EndpointCreated,
            V1.Event.Types.Kind.PolicyApplied, V1.Event.Types.Kind.PolicyApplied, V1.Event.Types.Kind.EndpointRemoved, V1.Event.Types.Kind.EndpointRemoved], kinds);
    }

    [PrivilegedFact]
    public async Task Errors_MapToStatusCodes()
    {
        using var host = new DaemonHost();
        using var daemon = host.Start();
        using var channel = daemon.Channel();
        var api = new V1.ForgeNet.ForgeNetClient(channel);
        await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "net0", Subnet4 = "10.77.4.0/24" });
        await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "x", Networks = { "net0" } });

        async Task<StatusCode> Code(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(call)).StatusCode;
        Assert.Equal(StatusCode.InvalidArgument, await Code(async () => await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "bad name" })));
        Assert.Equal(StatusCode.InvalidArgument, await Code(async () => await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "y", Networks = { "net0" }, PolicyYaml = "mode: [" })));
        Assert.Equal(StatusCode.NotFound, await Code(async () => await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "y", Networks = { "nope" } })));
        Assert.Equal(StatusCode.AlreadyExists, await Code(async () => await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "x" })));
        Assert.Equal(StatusCode.FailedPrecondition, await Code(async () => await api.DeleteVNetAsync(new V1.DeleteVNetRequest { Name = "net0" })));
        Assert.Equal(StatusCode.FailedPrecondition, await Code(async () => await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "net1", Subnet4 = "10.77.4.0/25" })));
        Assert.Equal(StatusCode.NotFound, await Code(async () => await api.GetStatsAsync(new V1.GetStatsRequest { StatsHandle = "sandbox/nope" })));
        Assert.Equal(StatusCode.InvalidArgument, await Code(async () => await api.GetStatsAsync(new V1.GetStatsRequest { StatsHandle = "x" })));
        Assert.Equal(StatusCode.ResourceExhausted, await Code(async () =>
        {
            await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "tiny", Subnet4 = "10.77.5.0/30" });
            await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "t1", Networks = { "tiny" } });
            await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "t2", Networks = { "tiny" } });
        }));
        await api.DeleteVNetAsync(new V1.DeleteVNetRequest { Name = "net0", Force = true });
        await api.DeleteVNetAsync(new V1.DeleteVNetRequest { Name = "tiny", Force = true });
        Assert.Empty(host.SandboxNamespaces());
    }

    private static async Task<List<string>> ListServices(Grpc.Net.Client.GrpcChannel channel)
    {
        var reflection = new ServerReflection.ServerReflectionClient(channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
    }

    private static async Task<List<V1.Event.Types.Kind>> Events(AsyncServerStreamingCall<V1.Event> watch, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var kinds = new List<V1.Event.Types.Kind>();
        while (kinds.Count < count && await watch.ResponseStream.MoveNext(timeout.Token))
        {
            // Network removal and drop bursts may interleave; the test checks the endpoint and policy story.
            if (watch.ResponseStream.Current.Kind is V1.Event.Types.Kind.DropBurst or V1.Event.Types.Kind.NetworkRemoved) continue;
            kinds.Add(watch.ResponseStream.Current.Kind);
        }
        return kinds;
    }
}
