using ForgeNet.Core.Errors;
using ForgeNet.Core.Policy;
using Grpc.Core;

namespace ForgeNet.Daemon.Api;

/// <summary>Engine errors as gRPC statuses, with the engine's one-line message.</summary>
public static class StatusMapping
{
    /// <summary>The status code for an engine error kind.</summary>
    public static StatusCode CodeFor(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => StatusCode.InvalidArgument,
        ErrorKind.NotFound => StatusCode.NotFound,
        ErrorKind.AlreadyExists => StatusCode.AlreadyExists,
        ErrorKind.InUse => StatusCode.FailedPrecondition,
        ErrorKind.Exhausted => StatusCode.ResourceExhausted,
        _ => StatusCode.Internal,
    };

    /// <summary>Runs <paramref name="call"/>, turning engine and policy errors into <see cref="RpcException"/>s.</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ForgeException e)
        {
            throw new RpcException(new Status(CodeFor(e.Kind), e.Message));
        }
        catch (PolicyException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"invalid policy: {e.Message}"));
        }
    }
}
