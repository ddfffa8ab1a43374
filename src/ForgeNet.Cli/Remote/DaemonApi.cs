using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Cli.Remote;

/// <summary>The daemon over its Unix socket; its status codes come back as the engine's error kinds (same exit codes).</summary>
public sealed class DaemonApi : IForgeApi, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly V1.ForgeNet.ForgeNetClient _client;
    private readonly string _socket;

    public DaemonApi(string socket)
    {
        _socket = socket;
        _channel = DaemonConnection.Channel(socket);
        _client = new V1.ForgeNet.ForgeNetClient(_channel);
    }

    public IReadOnlyList<NetworkInfo> ListNetworks() => Call(() => _client.ListVNets(new V1.ListVNetsRequest()).Vnets.Select(ApiRecords.ToNetwork).ToList());

    public NetworkInfo InspectNetwork(string name) => Call(() => ApiRecords.ToNetwork(_client.InspectVNet(new V1.InspectVNetRequest { Name = name })));

    public NetworkInfo CreateNetwork(NetworkSpec spec) => Call(() => ApiRecords.ToNetwork(_client.CreateVNet(new V1.CreateVNetRequest
    {
        Name = spec.Name,
        Subnet4 = spec.Subnet4 ?? "",
        Ipv6 = spec.Ipv6,
        Subnet6 = spec.Subnet6 ?? "",
        Internal = spec.Internal,
        Mtu = spec.Mtu ?? 0,
    })));

    public void RemoveNetwork(string name, bool force) => Call(() => _client.DeleteVNet(new V1.DeleteVNetRequest { Name = name, Force = force }));

    public IReadOnlyList<SandboxInfo> ListSandboxes() => Call(() => _client.ListEndpoints(new V1.ListEndpointsRequest()).Endpoints.Select(ApiRecords.ToSandbox).ToList());

    public SandboxInfo InspectSandbox(string name) => Call(() => ApiRecords.ToSandbox(_client.InspectEndpoint(new V1.InspectEndpointRequest { Id = name })));

    public SandboxInfo CreateSandbox(SandboxSpec spec) => Call(() => ApiRecords.ToSandbox(_client.AssignEndpoint(ApiRecords.ToRequest(spec))));

    public void RemoveSandbox(string name, bool force) =>
        Call(() => _client.ReleaseEndpoint(new V1.ReleaseEndpointRequest { Id = name, Force = force, Strict = true }));

    public SandboxInfo ApplyPolicy(string sandbox, NetworkPolicy policy) => Call(() => ApiRecords.ToSandbox(
        _client.ApplyFirewall(new V1.ApplyFirewallRequest { Id = sandbox, PolicyYaml = PolicyFormatter.Format(policy) }).Endpoint));

    public void Dispose() => _channel.Dispose();

    private T Call<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (RpcException e)
        {
            throw e.StatusCode switch
            {
                StatusCode.InvalidArgument => new ForgeException(ErrorKind.InvalidArgument, e.Status.Detail),
                StatusCode.NotFound => new ForgeException(ErrorKind.NotFound, e.Status.Detail),
                StatusCode.AlreadyExists => new ForgeException(ErrorKind.AlreadyExists, e.Status.Detail),
                StatusCode.FailedPrecondition => new ForgeException(ErrorKind.InUse, e.Status.Detail),
                StatusCode.ResourceExhausted => new ForgeException(ErrorKind.Exhausted, e.Status.Detail),
                StatusCode.PermissionDenied => new UnauthorizedAccessException($"daemon at {_socket}: {e.Status.Detail}"),
                StatusCode.Unavailable => new ForgeException(ErrorKind.Internal, $"daemon at {_socket} is not answering: {e.Status.Detail}"),
                _ => new ForgeException(ErrorKind.Internal, e.Status.Detail),
            };
        }
    }
}
