using ForgeNet.Daemon.Api;
using ForgeNet.Daemon.Events;
using ForgeNet.Daemon.Metrics;
using Grpc.Core;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Services;

/// <summary>
/// The gRPC service forgenet.v1.ForgeNet: a thin front end. It maps messages to engine calls and back, times them,
/// serialises changes through <see cref="EngineGate"/>, publishes events, and maps errors to status codes.
/// </summary>
public sealed partial class ForgeNetApi(EngineGate gate, EventHub events, DaemonMetrics metrics) : V1.ForgeNet.ForgeNetBase
{
    private Core.Engine Engine => gate.Engine;

    /// <summary>A query: runs at once, errors mapped.</summary>
    private static Task<T> Query<T>(Func<T> query) => StatusMapping.Guard(() => Task.FromResult(query()));

    /// <summary>A change: queued behind other changes, timed as <paramref name="operation"/>, errors mapped.</summary>
    private Task<T> Change<T>(string operation, Func<Core.Engine, T> change, ServerCallContext context) =>
        StatusMapping.Guard(() => metrics.Time(operation, () => gate.ChangeAsync(change, context.CancellationToken)));
}
