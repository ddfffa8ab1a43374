using ForgeNet.Core.Model;
using ForgeNet.Daemon.Api;
using Grpc.Core;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Services;

public sealed partial class ForgeNetApi
{
    public override async Task<V1.VNet> CreateVNet(V1.CreateVNetRequest request, ServerCallContext context)
    {
        var spec = new NetworkSpec(request.Name)
        {
            Subnet4 = request.Subnet4.Length == 0 ? null : request.Subnet4,
            Ipv6 = request.Ipv6 || request.Subnet6.Length > 0,
            Subnet6 = request.Subnet6.Length == 0 ? null : request.Subnet6,
            Internal = request.Internal,
            Mtu = request.Mtu == 0 ? null : request.Mtu,
        };
        var network = await Change("network_create", e => e.CreateNetwork(spec), context);
        events.Publish(V1.Event.Types.Kind.NetworkCreated, network: network.Name, detail: network.Subnet4 ?? "");
        return ApiMapper.ToApi(network);
    }

    public override async Task<V1.DeleteVNetResponse> DeleteVNet(V1.DeleteVNetRequest request, ServerCallContext context)
    {
        await Change("network_delete", e =>
        {
            e.RemoveNetwork(request.Name, request.Force);
            return 0;
        }, context);
        events.Publish(V1.Event.Types.Kind.NetworkRemoved, network: request.Name);
        return new V1.DeleteVNetResponse();
    }

    public override Task<V1.ListVNetsResponse> ListVNets(V1.ListVNetsRequest request, ServerCallContext context) => Query(() =>
    {
        var response = new V1.ListVNetsResponse();
        response.Vnets.AddRange(Engine.ListNetworks().Select(ApiMapper.ToApi));
        return response;
    });

    public override Task<V1.VNet> InspectVNet(V1.InspectVNetRequest request, ServerCallContext context) =>
        Query(() => ApiMapper.ToApi(Engine.InspectNetwork(request.Name)));

    public override async Task<V1.SetupBridgeResponse> SetupBridge(V1.SetupBridgeRequest request, ServerCallContext context)
    {
        var (network, repaired) = await Change("bridge_setup", e => (e.InspectNetwork(request.Name), e.RepairNetwork(request.Name)), context);
        return new V1.SetupBridgeResponse { Vnet = ApiMapper.ToApi(network), PortsReattached = repaired };
    }
}
