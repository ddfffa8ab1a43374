using System.Net;
using ForgeNet.Daemon.Tests.Support;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;
using Grpc.Core;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Tests;

/// <summary>The daemon's own lifecycle: restarts, crashes in the middle of an operation, one daemon per socket.</summary>
public sealed class LifecycleTests
{
    [PrivilegedFact]
    public async Task Restart_KeepsState_TrafficStillFlows()
    {
        using var host = new DaemonHost();
        V1.Endpoint a, b;
        using (var first = host.Start())
        {
            using var channel = first.Channel();
            var api = new V1.ForgeNet.ForgeNetClient(channel);
            await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "net0", Subnet4 = "10.77.7.0/24" });
            a = await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "a", Networks = { "net0" } });
            b = await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "b", Networks = { "net0" } });
            Assert.Equal(0, first.Stop());
            Assert.False(File.Exists(host.Socket), "a clean stop removes the socket");
        }
        using var second = host.Start();
        using var channel2 = second.Channel();
        var api2 = new V1.ForgeNet.ForgeNetClient(channel2);
        var endpoints = (await api2.ListEndpointsAsync(new V1.ListEndpointsRequest())).Endpoints;
        Assert.Equal([a, b], endpoints);
        using (var nsA = NetNs.Open(a.NamespacePath))
        using (var nsB = NetNs.Open(b.NamespacePath))
            Assert.Equal(3, Traffic.SendUdp(nsA, nsB, IPAddress.Parse(b.Interfaces[0].Address4.Split('/')[0]), 7001, 3, 64));
        Assert.Equal(a, await api2.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "a", Networks = { "net0" } }));
        await api2.DeleteVNetAsync(new V1.DeleteVNetRequest { Name = "net0", Force = true });
        Assert.Empty(host.SandboxNamespaces());
    }

    [PrivilegedTheory]
    [InlineData("store")]
    [InlineData("firewall")]
    [InlineData("netns")]
    [InlineData("veth:net0")]
    [InlineData("address:net0")]
    public async Task Kill9_DuringAssign_RestartLeavesNoLeak(string step)
    {
        using var host = new DaemonHost();
        using (var crashing = host.Start(new Dictionary<string, string> { ["FORGENET_CRASH_AT"] = step }))
        {
            using var channel = crashing.Channel();
            var api = new V1.ForgeNet.ForgeNetClient(channel);
            await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "net0", Subnet4 = "10.77.8.0/24" });
            var error = await Assert.ThrowsAsync<RpcException>(async () => await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "a", Networks = { "net0" } }));
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            crashing.WaitForExit(TimeSpan.FromSeconds(10));
        }
        using var restarted = host.Start();
        using var channel2 = restarted.Channel();
        var api2 = new V1.ForgeNet.ForgeNetClient(channel2);
        Assert.Empty((await api2.ListEndpointsAsync(new V1.ListEndpointsRequest())).Endpoints);
        Assert.Empty(host.SandboxNamespaces());
        Assert.True(Shell.Eventually(() => host.HostVeths().Count == 0, TimeSpan.FromSeconds(5)), string.Join(",", host.HostVeths()));

        // The retry the runtime makes now succeeds, with the address the crashed attempt had been given back.
        var a = await api2.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "a", Networks = { "net0" } });
        Assert.StartsWith("10.77.8.", a.Interfaces[0].Address4);
        Assert.Single(host.SandboxNamespaces());
        await api2.DeleteVNetAsync(new V1.DeleteVNetRequest { Name = "net0", Force = true });
    }

    [PrivilegedFact]
    public async Task Kill9_AfterAssignCompleted_RetryReturnsTheSameEndpoint()
    {
        using var host = new DaemonHost();
        using (var crashing = host.Start(new Dictionary<string, string> { ["FORGENET_CRASH_AT"] = "ready" }))
        {
            using var channel = crashing.Channel();
            var api = new V1.ForgeNet.ForgeNetClient(channel);
            await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "net0", Subnet4 = "10.77.9.0/24" });
            await Assert.ThrowsAsync<RpcException>(async () => await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "a", Networks = { "net0" } }));
            crashing.WaitForExit(TimeSpan.FromSeconds(10));
        }
        using var restarted = host.Start();
        using var channel2 = restarted.Channel();
        var api2 = new V1.ForgeNet.ForgeNetClient(channel2);
        var kept = Assert.Single((await api2.ListEndpointsAsync(new V1.ListEndpointsRequest())).Endpoints);
        Assert.Equal(kept, await api2.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "a", Networks = { "net0" } }));
        await api2.DeleteVNetAsync(new V1.DeleteVNetRequest { Name = "net0", Force = true });
        Assert.Empty(host.SandboxNamespaces());
    }

    [PrivilegedFact]
    public void SecondDaemon_SameSocket_Refused_StaleSocketReplaced()
    {
        using var host = new DaemonHost();
        using var first = host.Start();
        using var second = host.Launch();
        second.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("another forgenetd", second.Output);
        first.WaitReady();

        // A dead daemon's socket file stays behind; the next daemon replaces it.
        first.Kill9();
        Assert.True(File.Exists(host.Socket));
        using var third = host.Start();
        third.WaitReady();
    }
}
