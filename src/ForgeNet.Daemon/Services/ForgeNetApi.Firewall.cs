using ForgeNet.Core.Errors;
using ForgeNet.Daemon.Api;
using Grpc.Core;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Services;

public sealed partial class ForgeNetApi
{
    public override async Task<V1.ApplyFirewallResponse> ApplyFirewall(V1.ApplyFirewallRequest request, ServerCallContext context)
    {
        var warnings = new List<string>();
        var sandbox = await Change("policy_apply", e =>
        {
            var policy = ApiMapper.ParsePolicy(request.PolicyYaml, $"policy for {request.Id}", warnings)
                ?? throw new ForgeException(ErrorKind.InvalidArgument, "policy_yaml is empty");
            return e.ApplyPolicy(request.Id, policy);
        }, context);
        events.Publish(V1.Event.Types.Kind.PolicyApplied, sandbox.Name, detail: sandbox.Isolation.ToString());
        var response = new V1.ApplyFirewallResponse { Endpoint = ApiMapper.ToApi(sandbox) };
        response.Warnings.AddRange(warnings);
        return response;
    }

    public override Task<V1.Stats> GetStats(V1.GetStatsRequest request, ServerCallContext context) => Query(() =>
    {
        var handle = request.StatsHandle;
        if (!handle.StartsWith(ApiMapper.StatsPrefix, StringComparison.Ordinal))
            throw new ForgeException(ErrorKind.InvalidArgument, $"invalid stats handle '{handle}' (AssignEndpoint returns one)");
        var id = handle[ApiMapper.StatsPrefix.Length..];
        var sandbox = Engine.InspectSandbox(id);
        var stats = new V1.Stats { Id = sandbox.Name };
        foreach (var t in Engine.EndpointTraffic().Where(t => t.Sandbox == sandbox.Name))
        {
            stats.Interfaces.Add(new V1.InterfaceStats
            {
                Network = t.Network, Interface = t.Interface, HostInterface = t.HostInterface,
                RxBytes = t.RxBytes, RxPackets = t.RxPackets, TxBytes = t.TxBytes, TxPackets = t.TxPackets,
            });
        }
        foreach (var r in Engine.FirewallCounters().Where(r => r.Sandbox == sandbox.Name))
        {
            stats.Rules.Add(new V1.RuleCounter { Table = r.Table, Chain = r.Chain, Rule = r.Rule, Verdict = r.Verdict, Packets = r.Packets, Bytes = r.Bytes });
            if (r.Verdict == "accept") stats.AcceptedPackets += r.Packets;
            else stats.DroppedPackets += r.Packets;
        }
        return stats;
    });

    public override async Task WatchEvents(V1.WatchEventsRequest request, IServerStreamWriter<V1.Event> responseStream, ServerCallContext context)
    {
        using var subscription = events.Subscribe();
        // Headers now: a client that awaits them knows it will see every event published from here on.
        await context.WriteResponseHeadersAsync([]);
        try
        {
            await foreach (var e in subscription.Reader.ReadAllAsync(context.CancellationToken))
                await responseStream.WriteAsync(e, context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client went away or the daemon stops: the stream simply ends.
        }
    }
}
