using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Daemon.Api;
using Grpc.Core;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Services;

public sealed partial class ForgeNetApi
{
    public override async Task<V1.Endpoint> AssignEndpoint(V1.AssignEndpointRequest request, ServerCallContext context)
    {
        var created = false;
        var sandbox = await Change("setup", e =>
        {
            // A runtime retries after a timeout: the endpoint it asked for first is the answer.
            if (Existing(e, request.Id) is { } existing)
                return SameRequest(existing, request) && !request.Exclusive ? existing
                    : throw new ForgeException(ErrorKind.AlreadyExists, request.Exclusive
                        ? $"create sandbox {request.Id}: sandbox {request.Id} already exists"
                        : $"endpoint {request.Id} exists with other networks, another namespace or other labels");
            var spec = ApiMapper.ToSpec(request, []);
            created = true;
            return e.CreateSandbox(spec);
        }, context);
        if (created)
            events.Publish(V1.Event.Types.Kind.EndpointCreated, sandbox.Name, string.Join(",", sandbox.Endpoints.Select(x => x.Network)));
        return ApiMapper.ToApi(sandbox);
    }

    public override async Task<V1.ReleaseEndpointResponse> ReleaseEndpoint(V1.ReleaseEndpointRequest request, ServerCallContext context)
    {
        var released = await Change("teardown", e =>
        {
            try
            {
                e.RemoveSandbox(request.Id, request.Force);
                return true;
            }
            catch (ForgeException x) when (!request.Strict && x.Kind == ErrorKind.NotFound && x.Message.Contains($"sandbox {request.Id} not found", StringComparison.Ordinal))
            {
                // Released before (a retry): what the caller wants.
                return false;
            }
        }, context);
        if (released)
            events.Publish(V1.Event.Types.Kind.EndpointRemoved, request.Id);
        return new V1.ReleaseEndpointResponse { Released = released };
    }

    public override Task<V1.ListEndpointsResponse> ListEndpoints(V1.ListEndpointsRequest request, ServerCallContext context) => Query(() =>
    {
        var response = new V1.ListEndpointsResponse();
        response.Endpoints.AddRange(Engine.ListSandboxes().Select(ApiMapper.ToApi));
        return response;
    });

    public override Task<V1.Endpoint> InspectEndpoint(V1.InspectEndpointRequest request, ServerCallContext context) =>
        Query(() => ApiMapper.ToApi(Engine.InspectSandbox(request.Id)));

    private static SandboxInfo? Existing(Core.Engine engine, string id)
    {
        try
        {
            return engine.InspectSandbox(id);
        }
        catch (ForgeException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private static bool SameRequest(SandboxInfo existing, V1.AssignEndpointRequest request) =>
        existing.Endpoints.Select(x => x.Network).SequenceEqual(request.Networks, StringComparer.Ordinal)
        && (request.NamespacePath.Length == 0 || existing.NamespacePath == request.NamespacePath)
        && existing.Labels.Count == request.Labels.Count
        && request.Labels.All(l => existing.Labels.TryGetValue(l.Key, out var value) && value == l.Value);
}
